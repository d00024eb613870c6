import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { assetsPlugin } from '../scripts/vite-assets-plugin';
import { contractRoutesPlugin } from '../scripts/vite-contract-plugin';

const here = dirname(fileURLToPath(import.meta.url));

// The web app lives in web/; the server serves web/dist at / (SPA fallback) and the API under /api.
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), contractRoutesPlugin(resolve(here, '..')), assetsPlugin()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React in its own long-lived chunk. Ant Design is NOT one group: a single antd chunk holds every component
        // any page uses and would be fetched on the first load (365 KB gzip); left to the bundler, the components of
        // the shell go with the entry and each lazy page brings its own. ECharts is only reached through lazily
        // imported components, so it stays in on-demand chunks.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 }],
        },
      },
    },
  },
});
