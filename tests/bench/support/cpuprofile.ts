/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package or area and by
 * function, optionally only for samples inside a time window (CLOCK_MONOTONIC microseconds, the
 * clock both V8's profiler and process.hrtime use on Linux).
 */
import fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, the server's own code, Node itself, or V8's pseudo-frames. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return '(program: native, not JS)';
    return functionName ? `(native) ${functionName}` : '(native)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const dist = url.indexOf('/server/dist/');
  if (dist >= 0) return `server: ${url.slice(dist + '/server/dist/'.length).replace(/\/[^/]+$/, '')}`;
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  return url;
}

export interface ProfileSummary {
  sampledMs: number;
  byArea: Array<{ name: string; ms: number; share: number }>;
  byFunction: Array<{ name: string; ms: number; share: number }>;
}

export function summarizeProfile(file: string, windowUs?: { from: number; to: number }, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (windowUs && (t < windowUs.from || t > windowUs.to)) continue;
    // A sample stands for the time until the next one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    total += dt;
  }
  const area = new Map<string, number>();
  const fn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)!.callFrame;
    const a = areaOf(frame);
    area.set(a, (area.get(a) ?? 0) + us);
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|server\/dist)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: total ? Math.round((us / total) * 1000) / 10 : 0 }));
  return { sampledMs: Math.round(total / 1000), byArea: rank(area), byFunction: rank(fn) };
}

export function printProfileSummary(summary: ProfileSummary, print: (line: string) => void): void {
  print(`  server CPU profile: ${summary.sampledMs} ms sampled in the window`);
  print('  self time by area:');
  for (const a of summary.byArea) print(`    ${String(a.share).padStart(5)}%  ${String(a.ms).padStart(6)} ms  ${a.name}`);
  print('  self time by function:');
  for (const f of summary.byFunction) print(`    ${String(f.share).padStart(5)}%  ${String(f.ms).padStart(6)} ms  ${f.name}`);
}

// `node --import tsx tests/bench/support/cpuprofile.ts FILE.cpuprofile` prints the summary of a whole profile.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: cpuprofile.ts FILE.cpuprofile');
    process.exit(2);
  }
  printProfileSummary(summarizeProfile(file, undefined, 40), (line) => console.log(line));
}
