// The web app: served by the API under /app in production (dist/web), by Vite's dev server in
// development (`npm run web:dev`), which passes every other path to the API.
import { defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // React Query marks its hooks "use client" for server-component bundlers; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: false,
    // Everything outside /app is the API's, as it is in production where both share one origin.
    proxy: { '^/(?!app(/|$))': { target: api } },
  },
});
