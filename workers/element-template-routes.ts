// GET /api/element-templates: the element templates the modeler's template chooser offers, one per external-task
// topic, taken from the topic modules (workers/registry.ts) in their order. Served rather than bundled, so the pages
// never import the workers (and their database and department clients) to know them.
import { Router } from 'express';
import { authenticate } from '../platform/http/http.ts';
import type { Role, TokenSigner } from '../platform/http/identity.ts';
import { ELEMENT_TEMPLATES } from './registry.ts';

export interface ElementTemplateRoutesOptions {
  signer: TokenSigner;
}

/** Who uses the modeler: policy staff who change the diagrams, the province who oversees them, operators who run them. */
const MODELER_USERS: readonly Role[] = ['policy', 'province', 'operator'];

export function elementTemplateRouter(options: ElementTemplateRoutesOptions): Router {
  const router = Router();
  router.get('/api/element-templates', authenticate(options.signer, MODELER_USERS), (_req, res) => {
    res.json(ELEMENT_TEMPLATES);
  });
  return router;
}
