/**
 * What PostgreSQL spent its time on during a window: statements over `log_min_duration_statement`
 * read back from a throwaway cluster's log (with their bind parameters, so the slowest can be run
 * again under EXPLAIN ANALYZE exactly as the application sent it).
 */
import fs from 'node:fs';

export interface SlowStatement {
  ms: number;
  sql: string;
  params: Array<string | null>;
}

/** Everything a cluster's log file says from `fromByte` on; `size()` gives the offset to start a window at. */
export class PostgresLog {
  constructor(readonly file: string) {}

  size(): number {
    try {
      return fs.statSync(this.file).size;
    } catch {
      return 0;
    }
  }

  /** The log's entries between two offsets; an entry starts with the default prefix "%m [%p] " and may span lines. */
  private entries(fromByte: number, toByte: number): string[] {
    if (toByte <= fromByte) return [];
    const fd = fs.openSync(this.file, 'r');
    const buffer = Buffer.alloc(toByte - fromByte);
    try {
      fs.readSync(fd, buffer, 0, buffer.length, fromByte);
    } finally {
      fs.closeSync(fd);
    }
    const entries: string[] = [];
    for (const line of buffer.toString('utf8').split('\n')) {
      if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \S+ \[\d+\] /.test(line) || entries.length === 0) entries.push(line);
      else entries[entries.length - 1] += `\n${line}`;
    }
    return entries;
  }

  /**
   * Lock waits over deadlock_timeout, as log_lock_waits reports them once the lock is acquired
   * ("acquired ... after N ms"), each with how long it waited and the first words of the statement.
   */
  lockWaits(fromByte: number, toByte = this.size()): Array<{ lock: string; ms: number; statement: string }> {
    const entries = this.entries(fromByte, toByte);
    const result: Array<{ lock: string; ms: number; statement: string }> = [];
    entries.forEach((entry, i) => {
      const wait = /\] LOG: {2}process \d+ acquired (\S+ on \S+) .*after ([\d.]+) ms/.exec(entry);
      if (!wait) return;
      // DETAIL, CONTEXT and STATEMENT lines of the same backend follow.
      const statement = entries
        .slice(i + 1, i + 4)
        .map((e) => /\] STATEMENT: {2}([\s\S]*)$/.exec(e)?.[1])
        .find((x) => x !== undefined);
      result.push({ lock: wait[1]!, ms: Number(wait[2]), statement: (statement ?? '?').replace(/\s+/g, ' ').slice(0, 90) });
    });
    return result;
  }

  /** The statements logged with a duration (log_min_duration_statement) between two offsets. */
  slowStatements(fromByte: number, toByte = this.size()): SlowStatement[] {
    const entries = this.entries(fromByte, toByte);
    const result: SlowStatement[] = [];
    for (const entry of entries) {
      const logged = /\] LOG: {2}duration: ([\d.]+) ms {2}(?:execute [^:]*|statement|bind [^:]*): ([\s\S]*)$/.exec(entry);
      if (logged) {
        result.push({ ms: Number(logged[1]), sql: logged[2]!.trim(), params: [] });
        continue;
      }
      const detail = /\] DETAIL: {2}parameters: ([\s\S]*)$/.exec(entry);
      const last = result.at(-1);
      if (detail && last && last.params.length === 0) {
        for (const m of detail[1]!.matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g)) {
          last.params[Number(m[1]) - 1] = m[2] === 'NULL' ? null : m[3]!.replace(/''/g, "'");
        }
      }
    }
    return result;
  }
}

export interface StatementGroup {
  /** The statement's first words, whitespace collapsed. */
  shape: string;
  count: number;
  totalMs: number;
  maxMs: number;
  slowest: SlowStatement;
}

/** Statements grouped by their shape (parameters aside), most total time first. */
export function groupStatements(statements: SlowStatement[], shapeLength = 110): StatementGroup[] {
  const groups = new Map<string, StatementGroup>();
  for (const s of statements) {
    const shape = s.sql.replace(/\s+/g, ' ').slice(0, shapeLength);
    const g = groups.get(shape) ?? { shape, count: 0, totalMs: 0, maxMs: 0, slowest: s };
    g.count++;
    g.totalMs += s.ms;
    if (s.ms >= g.maxMs) {
      g.maxMs = s.ms;
      g.slowest = s;
    }
    groups.set(shape, g);
  }
  return [...groups.values()].sort((a, b) => b.totalMs - a.totalMs);
}
