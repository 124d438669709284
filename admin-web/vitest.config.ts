import { defineConfig } from 'vitest/config';
import { formEngineAlias } from './vite.config';

export default defineConfig({
  resolve: { alias: formEngineAlias },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
