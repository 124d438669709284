import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { formEngineAlias } from './vite.config';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: formEngineAlias },
  test: {
    name: 'liff-app',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
