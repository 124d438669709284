import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    name: 'liff-app',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
