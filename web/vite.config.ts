// Builds the employer portal and the caseworker workbench (web/src) into web/dist, which the API server serves.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompiledFilingShapePlugin } from './precompiled-filing-shape.ts';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), precompiledFilingShapePlugin()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/verify': 'http://127.0.0.1:3000' } },
});
