import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The web app lives in `web/`; the Node service serves `dist/web` and falls back to
// index.html for client routes. In development `/api` is proxied to the service.
// Source maps are written for our own debugging but not referenced from the bundles
// ('hidden'), and the server refuses to serve *.map files.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: 'hidden',
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
