import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The bundle is served by onsite-hq from <share>/onsite-hq/web with a strict
// Content-Security-Policy (script-src 'self'): no inline scripts, no CDN, hashed assets
// under assets/ so the server can cache them as immutable.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: process.env.ONSITE_WEB_OUT_DIR || 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` against a local onsite-hq: ONSITE_HQ=http://127.0.0.1:8080 npm run dev
    proxy: { '/api': process.env.ONSITE_HQ || 'http://127.0.0.1:8080' },
  },
});
