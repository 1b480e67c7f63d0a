/**
 * What every benchmark hands to `npm run bench` (bench/run.ts): rows of one Markdown table.
 * A benchmark started with `--json <file>` writes its rows there (as well as printing its own
 * detailed output); bench/run.ts starts each benchmark as its own process, one after the other
 * (so one's memory and CPU never count in another's figures), and prints the table.
 */
import { writeFileSync } from 'node:fs';

export type BenchDb = 'PGlite' | 'PostgreSQL' | '—';

export interface Row {
  /** Which of issue 15's items: 'ack', 'search', 'submit', 'memory', 'jobs', 'week', 'start'. */
  section: string;
  /** What was measured, in a few words ("ack, ours", "search, pinyin prefix"). */
  figure: string;
  db: BenchDb;
  /** Median (or the single value, e.g. a peak), already in `unit`. */
  median: number;
  /** 99th percentile (or p95 where `goal` says so); absent for single values. */
  p99?: number;
  unit: string;
  /** The goal as a person reads it ("p99 ≤ 1.5× bare"), if the figure has one. */
  goal?: string;
  /** Whether the goal held, when there is one. */
  met?: boolean;
  /** Anything needed to read the figure (runs, counts, ratio). */
  note?: string;
}

/** Value at quantile q (0–1) of xs, nearest rank; NaN for no values. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

/** The file given as `--json <file>`, if any. */
export function jsonTarget(argv: readonly string[] = process.argv): string | undefined {
  const at = argv.indexOf('--json');
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Writes the rows for bench/run.ts when started with `--json <file>`; otherwise does nothing. */
export function reportRows(rows: readonly Row[], argv: readonly string[] = process.argv): void {
  const target = jsonTarget(argv);
  if (target) writeFileSync(target, JSON.stringify({ rows }, null, 2));
}
