/**
 * Memory and CPU of named processes, read from /proc (Linux): resident set size sampled at a fixed
 * interval (the peak of the samples per window), the kernel's own high-water mark (VmHWM, which no
 * sample can miss), and CPU seconds used in each window.
 */
import fs from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** VmRSS and VmHWM in MiB, or null once the process is gone. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** utime + stime in seconds, or null once the process is gone. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * CPU seconds of one PostgreSQL cluster: its postmaster, the backends it runs now, and (cutime and
 * cstime of the postmaster) every backend that has exited since it started.
 */
export function clusterCpuSeconds(postmasterPid: number): number | null {
  const fieldsOf = (pid: string): string[] | null => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    } catch {
      return null;
    }
  };
  const postmaster = fieldsOf(String(postmasterPid));
  if (!postmaster) return null;
  // After "pid (comm) ": ppid is at 1, utime, stime, cutime, cstime at 11..14.
  let ticks = Number(postmaster[11]) + Number(postmaster[12]) + Number(postmaster[13]) + Number(postmaster[14]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = fieldsOf(entry);
    if (fields && Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

export interface ProcessWindow {
  name: string;
  pid: number;
  /** The largest VmRSS of the samples in the window. */
  rssPeakMb: number;
  /** VmHWM at the window's last sample: the process's peak since it started. */
  hwmMb: number;
  /** CPU seconds used in the window. */
  cpuSeconds: number;
  samples: number;
}

interface Watched {
  name: string;
  pid: number;
  rssPeakMb: number;
  hwmMb: number;
  cpuAtStart: number;
  cpuLast: number;
  samples: number;
}

/** Samples the watched processes every `everyMs` until stopped; `window()` reads and restarts the window. */
export class ProcessSampler {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly everyMs = 200) {}

  watch(name: string, pid: number): void {
    const cpu = cpuSecondsOf(pid) ?? 0;
    this.watched.set(name, { name, pid, rssPeakMb: 0, hwmMb: 0, cpuAtStart: cpu, cpuLast: cpu, samples: 0 });
    this.sampleOne(this.watched.get(name)!);
  }

  /** Stops watching a process (before it is stopped), returning its last window. */
  unwatch(name: string): ProcessWindow | undefined {
    const w = this.watched.get(name);
    if (!w) return undefined;
    this.sampleOne(w);
    this.watched.delete(name);
    return this.view(w);
  }

  start(): void {
    this.timer ??= setInterval(() => {
      for (const w of this.watched.values()) this.sampleOne(w);
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Every watched process's window since the last call (or since it was watched); starts the next window. */
  window(): ProcessWindow[] {
    const result: ProcessWindow[] = [];
    for (const w of this.watched.values()) {
      this.sampleOne(w);
      result.push(this.view(w));
      w.rssPeakMb = 0;
      w.cpuAtStart = w.cpuLast;
      w.samples = 0;
    }
    return result;
  }

  private view(w: Watched): ProcessWindow {
    return { name: w.name, pid: w.pid, rssPeakMb: w.rssPeakMb, hwmMb: w.hwmMb, cpuSeconds: w.cpuLast - w.cpuAtStart, samples: w.samples };
  }

  private sampleOne(w: Watched): void {
    const memory = memoryOf(w.pid);
    if (!memory) return;
    w.rssPeakMb = Math.max(w.rssPeakMb, memory.rssMb);
    w.hwmMb = Math.max(w.hwmMb, memory.hwmMb);
    w.cpuLast = cpuSecondsOf(w.pid) ?? w.cpuLast;
    w.samples++;
  }
}
