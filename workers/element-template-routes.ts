// GET /api/element-templates: the element templates the modeler's template chooser offers, one per external-task
// topic, taken from the topic modules (workers/registry.ts) in their order. Served rather than bundled, so the pages
// never import the workers (and their database and department clients) to know them.
import { Router } from 'express';
import { authenticate } from '../platform/http/http.ts';
import { MODELER_USERS } from '../api/element-templates.ts';
import type { TokenSigner } from '../platform/http/identity.ts';
import { ELEMENT_TEMPLATES } from './registry.ts';

export interface ElementTemplateRoutesOptions {
  signer: TokenSigner;
}

export function elementTemplateRouter(options: ElementTemplateRoutesOptions): Router {
  const router = Router();
  router.get('/api/element-templates', authenticate(options.signer, MODELER_USERS), (_req, res) => {
    res.json(ELEMENT_TEMPLATES);
  });
  return router;
}
