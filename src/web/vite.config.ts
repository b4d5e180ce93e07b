// Builds the web app (src/web) into dist/web, which the server serves at / (src/server/spa).
// `npm run build:web` builds; `npx vite --config src/web/vite.config.ts` serves it with hot reload,
// sending /api to a server started with `npm start` on port 3000.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
