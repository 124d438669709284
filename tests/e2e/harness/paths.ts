import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the build outputs the end-to-end tests run. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const serverMain = path.join(repoRoot, 'server', 'dist', 'main.js');
export const jobsMain = path.join(repoRoot, 'jobs', 'dist', 'main.js');
export const serverIndex = path.join(repoRoot, 'server', 'dist', 'index.js');
export const adminWebDist = path.join(repoRoot, 'admin-web', 'dist');
export const liffAppDist = path.join(repoRoot, 'liff-app', 'dist');
export const screenshotDir = path.join(repoRoot, 'tests', 'e2e', 'screenshots');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
