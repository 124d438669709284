import { defineConfig } from 'vitest/config';

// Unit and integration tests of every workspace, each under its own vitest.config.ts (if it has
// one). The end-to-end suite runs separately: tests/vitest.e2e.config.ts.
export default defineConfig({
  test: {
    projects: ['server', 'jobs', 'admin-web', 'liff-app', 'tests/line-emulator'],
    passWithNoTests: true,
  },
});
