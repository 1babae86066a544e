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
    rolldownOptions: {
      output: {
        // Vendor chunks change less often than the app, so browsers keep them cached across releases.
        // (Vite 8 / Rolldown: `codeSplitting.groups` is the successor of Rollup's `manualChunks`.)
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/, priority: 30 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'antd-icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            // antd alone is close to 1 MB minified: its rc-component base goes in a chunk of its own.
            { name: 'antd-base', test: /node_modules[\\/](@rc-component|rc-[a-z-]+|@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color|react-slick)|dayjs|stylis|@emotion)[\\/]/, priority: 22 },
            { name: 'antd', test: /node_modules[\\/]antd[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
