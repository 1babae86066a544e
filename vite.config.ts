import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The web app lives in src/web and is served by the API process from dist/web (see src/server/plugins/static-web.ts).
export default defineConfig({
  root: here('./src/web'),
  plugins: [react()],
  server: {
    port: 5173,
    // The API's paths only (/api/v1, /api/docs): a bare '/api' prefix would also swallow the source
    // files of src/web/api/ that the dev server serves as /api/*.ts. SHEZU_API points at another port.
    proxy: { '^/api/(v1|docs)(/|$)': process.env.SHEZU_API ?? 'http://localhost:3000' },
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    // dist/web/.vite/manifest.json: which chunks each route loads, read by `npm run bench web-bundle`.
    manifest: true,
    rolldownOptions: {
      output: {
        // React and ECharts in chunks of their own: they change less often than the app, so browsers keep them cached
        // across releases. Ant Design is not grouped: one chunk of the whole kit (1 MB minified) was preloaded by every
        // page, the login page too; split by use, each page fetches the components it shows (the login page's first load
        // went from 472 KB to about 310 KB gzipped, goal ≤ 400 KB: issue 11).
        // (Vite 8 / Rolldown: `codeSplitting.groups` is the successor of Rollup's `manualChunks`.)
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
});
