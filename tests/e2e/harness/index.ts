/** Helpers for the end-to-end tests: see README.md's "Testing" section and smoke.e2e.test.ts. */
export { chooseOption, chooseTreeOption, pickRadio } from './antd.js';
export { animationsSettled, formatViolations, seriousAxeViolations, type AxeCheckOptions, type AxeViolation } from './axe.js';
export { chromiumArgs, launchBrowser, newPage, type NewPageOptions, type PageWithErrors } from './browser.js';
export { createTestDatabase, maintenanceUrl, type TestDatabase } from './database.js';
export {
  adminSession,
  connectLineChannel,
  DEFAULT_EMULATOR_CHANNEL,
  emulatorServerEnv,
  HARNESS_ADMIN_PASSWORD,
  startEmulator,
  type AdminSession,
  type ConnectedLineChannel,
  type ConnectLineChannelOptions,
  type EmulatorChannel,
  type EmulatorChannelInput,
  type ServerLineChannel,
  type TestEmulator,
} from './emulator.js';
export { startE2E, type E2EEnvironment, type E2ELine, type EmulatorSetupOptions, type StartE2EOptions } from './environment.js';
export { DEFAULT_EMULATOR_LOGIN_CHANNEL_ID, lineLoginServerEnv, mintIdToken, startJwksRelay, type JwksRelay } from './line-login.js';
export { adminWebDist, chromiumPath, liffAppDist, repoRoot, screenshotDir, serverMain } from './paths.js';
export { freePort } from './ports.js';
export { saveScreenshot } from './screenshots.js';
export { generateSecrets, type ServerSecrets } from './secrets.js';
export { migrateAndSeed, startServer, type RunningTestServer, type StartServerOptions } from './server.js';
