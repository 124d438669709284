import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'jobs',
    environment: 'node',
    include: ['src/**/*.int.test.ts'],
    // each test file works in its own throwaway database (see test/support.ts)
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
