import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, type NewPageOptions, type PageWithErrors } from './browser.js';
import {
  connectLineChannel,
  emulatorServerEnv,
  startEmulator,
  type ConnectedLineChannel,
  type ConnectLineChannelOptions,
  type EmulatorChannelInput,
  type TestEmulator,
} from './emulator.js';
import { startServer, type RunningTestServer, type StartServerOptions } from './server.js';

export interface EmulatorSetupOptions extends ConnectLineChannelOptions {
  /** The emulator channel's id, secret, token, ... (DEFAULT_EMULATOR_CHANNEL otherwise). */
  channel?: EmulatorChannelInput;
}

export interface StartE2EOptions extends StartServerOptions {
  /**
   * Also run the LINE Platform emulator: the server talks to it (LINE_API_BASE_URL and
   * LINE_DATA_API_BASE_URL), and one channel is registered in both with its webhook pointing at
   * the server. The administrator's password is changed on the way (see `line.admin`).
   */
  withEmulator?: boolean | EmulatorSetupOptions;
}

/** The emulator and the channel connected to the server (startE2E({ withEmulator: true })). */
export interface E2ELine extends ConnectedLineChannel {
  emulator: TestEmulator;
}

export interface E2EEnvironment {
  server: RunningTestServer;
  browser: Browser;
  /** server.baseUrl, for short test code */
  baseUrl: string;
  /** Present with `withEmulator`. */
  line?: E2ELine;
  /** A fresh page in its own browser context; closed by teardown(). */
  newPage(options?: NewPageOptions): Promise<PageWithErrors>;
  /** Closes pages and the browser, stops the server and drops its database. Safe to call twice. */
  teardown(): Promise<void>;
}

/**
 * Everything one end-to-end test file needs: a fresh database, the built server serving the built
 * clients, Chromium and, with `withEmulator`, the LINE Platform emulator. Typical use:
 *
 *   let e2e: E2EEnvironment;
 *   beforeAll(async () => { e2e = await startE2E(); });
 *   afterAll(async () => { await e2e?.teardown(); });
 */
export async function startE2E(options: StartE2EOptions = {}): Promise<E2EEnvironment> {
  const { withEmulator, ...serverOptions } = options;
  const emulatorSetup: EmulatorSetupOptions | null = withEmulator ? (withEmulator === true ? {} : withEmulator) : null;
  const emulator = emulatorSetup ? await startEmulator() : null;
  let server: RunningTestServer;
  let line: E2ELine | undefined;
  try {
    const emulatorChannel = emulator ? await emulator.createChannel(emulatorSetup?.channel) : null;
    server = await startServer({
      ...serverOptions,
      env: { ...(emulator ? emulatorServerEnv(emulator.url) : {}), ...serverOptions.env },
    });
    if (emulator && emulatorChannel && emulatorSetup) {
      try {
        line = { emulator, ...(await connectLineChannel(server, emulator, emulatorChannel, emulatorSetup)) };
      } catch (error) {
        await server.stop();
        throw error;
      }
    }
  } catch (error) {
    await emulator?.close();
    throw error;
  }
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await server.stop();
    await emulator?.close();
    throw error;
  }
  const pages: PageWithErrors[] = [];
  let tornDown = false;
  return {
    server,
    browser,
    baseUrl: server.baseUrl,
    ...(line ? { line } : {}),
    async newPage(pageOptions) {
      const created = await newPage(browser, pageOptions);
      pages.push(created);
      return created;
    },
    async teardown() {
      if (tornDown) return;
      tornDown = true;
      const problems: unknown[] = [];
      for (const { context } of pages.reverse()) await context.close().catch((e: unknown) => problems.push(e));
      await browser.close().catch((e: unknown) => problems.push(e));
      await server.stop().catch((e: unknown) => problems.push(e));
      await emulator?.close().catch((e: unknown) => problems.push(e));
      if (problems.length > 0) throw new AggregateError(problems, 'end-to-end teardown failed');
    },
  };
}
