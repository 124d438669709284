import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The form engine is the server's own code (definitions, conditions, validation): the builder
 * checks a definition with exactly what the server will run. It is pure TypeScript, no Node.
 * The message composer likewise (LINE message validation, Flex templates): the delivery editor
 * shows the server's own problems before saving.
 */
export const formEngineAlias = {
  '@machi/form-engine': decodeURIComponent(new URL('../server/src/modules/forms/engine/index.ts', import.meta.url).pathname),
  '@machi/message-compose': decodeURIComponent(new URL('../server/src/modules/messages/compose/index.ts', import.meta.url).pathname),
};

const apiTarget = 'http://localhost:4000';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: { alias: formEngineAlias },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: apiTarget, ws: true, changeOrigin: false },
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true, changeOrigin: false },
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Libraries change less often than the console: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'vendor-antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/ },
            { name: 'vendor-graphql', test: /node_modules[\\/](@apollo|graphql|graphql-ws|rxjs|@wry|optimism)[\\/]/ },
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
});
