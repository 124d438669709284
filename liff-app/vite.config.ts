import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The form engine is the server's own code (definitions, branching, validation): the resident's
 * page checks answers with exactly what the server will run. It is pure TypeScript, no Node.
 */
export const formEngineAlias = {
  '@machi/form-engine': decodeURIComponent(new URL('../server/src/modules/forms/engine/index.ts', import.meta.url).pathname),
};

const backend = 'http://localhost:4000';

export default defineConfig({
  base: '/liff/',
  plugins: [react()],
  resolve: { alias: formEngineAlias },
  server: {
    port: 5174,
    proxy: {
      '/graphql': backend,
      '/api': backend,
      // Form attachments: POST /media/uploads and the uploader's thumbnails.
      '/media': backend,
      // The runtime config is served by the server, not by Vite.
      '/liff/config.json': backend,
    },
  },
  preview: {
    port: 5175,
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/]react-router[\\/]/ },
            {
              name: 'apollo',
              test: /node_modules[\\/](@apollo|graphql|rxjs|optimism|@wry|tslib|zen-observable)[\\/]/,
            },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
});
