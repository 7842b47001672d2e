// GET /api/element-templates: the element templates the modeler's template chooser offers, one per external-task
// topic, taken from the topic modules (workers/registry.ts) in their order. Served rather than bundled, so the pages
// never import the workers (and their database and department clients) to know them.
import { Router } from 'express';
import { authenticate } from '../sign-in/authenticate.ts';
import { MODELER_USERS } from '../api/element-templates.ts';
import type { Sessions } from '../sign-in/sessions.ts';
import { ELEMENT_TEMPLATES } from './registry.ts';

export interface ElementTemplateRoutesOptions {
  sessions: Sessions;
}

export function elementTemplateRouter(options: ElementTemplateRoutesOptions): Router {
  const router = Router();
  router.get('/api/element-templates', authenticate(options.sessions, MODELER_USERS), (_req, res) => {
    res.json(ELEMENT_TEMPLATES);
  });
  return router;
}
