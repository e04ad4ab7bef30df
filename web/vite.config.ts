import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is built into web/dist and served by the API process at `/` (same origin, so the
 * session cookie and CSRF token need no CORS). `npm run dev:web` proxies the API for development.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: { '/api': 'http://127.0.0.1:7420', '/healthz': 'http://127.0.0.1:7420' },
  },
});
