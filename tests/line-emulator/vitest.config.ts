import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests of the LINE Platform emulator, plus the contract test that compares
// the emulator's schemas with LINE's official OpenAPI documents (skipped, loudly, where they are absent).
export default defineConfig({
  test: {
    name: 'line-emulator',
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts', 'contract/**/*.contract.test.ts'],
    testTimeout: 20_000,
  },
});
