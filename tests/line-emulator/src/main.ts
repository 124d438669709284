import { createEmulator } from './app.js';

// Starts the emulator from the environment:
//   EMULATOR_PORT (default 4600), EMULATOR_HOST (default 127.0.0.1),
//   EMULATOR_STATE_FILE (optional JSON file so channels and residents survive restarts),
//   EMULATOR_RATE_LIMIT_SCALE (default 1).
// Channels and residents are configured through the control API under /_emulator/.

const emulator = await createEmulator({
  port: Number(process.env.EMULATOR_PORT ?? 4600),
  host: process.env.EMULATOR_HOST ?? '127.0.0.1',
  ...(process.env.EMULATOR_STATE_FILE ? { stateFile: process.env.EMULATOR_STATE_FILE } : {}),
  rateLimitScale: Number(process.env.EMULATOR_RATE_LIMIT_SCALE ?? 1),
});
console.log(`LINE Platform emulator listening on ${emulator.url} (phones: ${emulator.url}/_emulator/ui/)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
