import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'jobs',
    environment: 'node',
    include: ['src/**/*.int.test.ts'],
    // every suite runs on both job stores, each test in a throwaway database (see test/support.ts)
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
