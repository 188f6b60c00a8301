/**
 * Vite build of the three.js viewer: `npx vite build --config viewer/vite.config.ts` writes
 * viewer/dist, which `igv serve` serves at `/`. The bundle pulls the IOC protocol from
 * ../engine/protocol, so the dev server may read the whole repository; its /api and /ioc go to a
 * local `igv serve` (IGV_SERVE, default http://127.0.0.1:8080).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
const serve = process.env.IGV_SERVE ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // three.js alone is ~530 kB minified; one chunk is what we want.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    fs: { allow: [repo] },
    proxy: {
      '/api': serve,
      '/ioc': { target: serve.replace(/^http/, 'ws'), ws: true },
    },
  },
});
