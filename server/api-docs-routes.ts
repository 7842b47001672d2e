// GET /api/openapi.json (the published contract) and /api/docs, its reference page: Swagger UI served from this
// server's own node_modules/swagger-ui-dist, nothing from a CDN.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { buildOpenApiDocument } from '../api/openapi-document.ts';

const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const pageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'api-docs');
/** The files the page loads, by the name it asks for: the renderer's own and its start script; nothing else is served. */
const ASSETS: ReadonlyMap<string, string> = new Map([
  ...['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'].map((file) => [file, path.join(swaggerUiDir, file)] as const),
  ['start.js', path.join(pageDir, 'start.js')],
]);

// Swagger UI sets style attributes as it renders; scripts come only from this server.
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function apiDocsRouter(): Router {
  const router = Router();
  const document = buildOpenApiDocument();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.set('content-security-policy', PAGE_POLICY).set('cache-control', 'no-cache').sendFile(path.join(pageDir, 'index.html'));
  });
  // The page's static files: not API operations, so a middleware rather than routes the contract lists.
  router.use('/api/docs/assets', (req, res, next) => {
    const file = ASSETS.get(req.path.slice(1));
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.set('cache-control', 'no-cache').sendFile(file);
  });
  return router;
}
