// Serves the built pages (web/dist): assets with long caching (their names carry a content hash), and index.html for
// every page address (/portal/…, /workbench/…, /modeler/…, /login) so the browser's router takes over. API paths never fall here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { Problem } from '../platform/problem.ts';

const PAGE_PREFIXES = ['/login', '/portal', '/workbench', '/modeler', '/operations'];

export function pagesRouter(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.get(['/', ...PAGE_PREFIXES.flatMap((p) => [p, `${p}/*rest`])], (_req, res, next) => {
    if (!existsSync(index)) {
      next(new Problem(503, '页面尚未构建：请运行 npm run build:web（npm start 会自动构建）'));
      return;
    }
    // The page itself is small and must follow a new build at once.
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return router;
}
