/**
 * Benchmark of the schedule core as the daily job uses it. Run: npx tsx bench/domain.ts
 *
 * - dueItems for 47,500 active clients with short event lists (the latest visit of each counting
 *   kind, the latest check-in and the latest test), as the daily job passes them;
 * - compliance for 5,000 clients with full three-year histories.
 *
 * Inputs are pseudo-random but deterministic (fixed seed), so runs compare like with like.
 * Each measurement is one warm-up run then 5 timed runs; the median is reported, as wall time
 * and as process CPU time (the latter moves less when other work shares the machine). The
 * fingerprint hashes every result, so two implementations can be checked for equal output.
 * `npx tsx bench/domain.ts due` (or `compliance`) runs one measurement, e.g. under --cpu-prof.
 */
import { performance } from 'node:perf_hooks';
import { addDays, addYears, diffDays, type LocalDate } from '../src/domain/dates.js';
import { compliance, dueItems, type ClientFacts, type StatusPeriod } from '../src/domain/schedule.js';
import { DEFAULT_RULES } from '../src/domain/rules.js';
import { VISIT_KINDS, type UrineResult } from '../src/domain/types.js';
import { prng } from '../src/domain/prng.js';

const TODAY: LocalDate = '2025-11-20';
const DAILY_CLIENTS = 47_500;
const HISTORY_CLIENTS = 5_000;
const RUNS = 5;


type Random = ReturnType<typeof prng>;
const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** 0–3 status periods; mostly none, like the real caseload. */
function periodsFor(r: Random, termStart: LocalDate): StatusPeriod[] {
  const periods: StatusPeriod[] = [];
  const span = Math.max(1, diffDays(TODAY, termStart));
  const n = r() < 0.7 ? 0 : int(r, 1, 3);
  for (let i = 0; i < n; i++) {
    const start = addDays(termStart, int(r, 0, span));
    const kind = r();
    if (kind < 0.55) {
      periods.push({ status: 'on_leave', start, end: addDays(start, int(r, 3, 40)) });
    } else if (kind < 0.95) {
      // A few suspensions are still open.
      periods.push({ status: 'suspended', start, end: r() < 0.1 ? null : addDays(start, int(r, 10, 120)) });
    } else {
      periods.push({ status: pick(r, ['completed', 'transferred_out', 'terminated'] as const), start, end: null });
    }
  }
  return periods;
}

/** A date at most `within` days before TODAY, and not before `from`. */
const recent = (r: Random, from: LocalDate, within: number): LocalDate =>
  addDays(TODAY, -Math.min(diffDays(TODAY, from), int(r, 0, within)));

/** What the daily job passes: at most the latest record of each kind. */
function dailyClient(r: Random): ClientFacts {
  const termStart = addDays(TODAY, -int(r, 0, 3 * 365 - 5));
  const visits: ClientFacts['visits'] = [];
  for (const kind of ['home', 'office', 'workplace'] as const) {
    if (r() < 0.45) visits.push({ date: recent(r, termStart, 70), kind });
  }
  return {
    program: r() < 0.5 ? 'community_treatment' : 'community_rehab',
    termStart,
    plannedTermEnd: addDays(addYears(termStart, 3), -1),
    periods: periodsFor(r, termStart),
    visits,
    checkIns: r() < 0.85 ? [{ date: recent(r, termStart, 60) }] : [],
    tests: r() < 0.85 ? [{ date: recent(r, termStart, 150), result: pick(r, ['negative', 'negative', 'negative', 'positive', 'refused'] as const) }] : [],
  };
}

/** A full history over a term that started 2–3 years ago: ≈ 40 visits, 36 check-ins, 30 tests. */
function historyClient(r: Random): ClientFacts {
  const termStart = addDays(TODAY, -int(r, 2 * 365, 3 * 365 - 5));
  const days = diffDays(TODAY, termStart);
  const spread = (n: number): LocalDate[] =>
    Array.from({ length: n }, (_, i) => addDays(termStart, Math.min(days, Math.floor((i * days) / n) + int(r, 0, 20))));
  const results: UrineResult[] = ['negative', 'negative', 'negative', 'negative', 'negative', 'positive', 'refused'];
  return {
    program: r() < 0.5 ? 'community_treatment' : 'community_rehab',
    termStart,
    plannedTermEnd: addDays(addYears(termStart, 3), -1),
    periods: periodsFor(r, termStart),
    visits: spread(40).map((date) => ({ date, kind: pick(r, VISIT_KINDS) })),
    checkIns: spread(36).map((date) => ({ date })),
    tests: spread(30).map((date) => ({ date, result: pick(r, results) })),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** FNV-1a over the JSON of every result: equal fingerprints mean equal outputs. */
function fingerprint(results: unknown[]): string {
  let h = 0x811c9dc5;
  for (const result of results) {
    const text = JSON.stringify(result);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

interface Timing {
  /** Median wall-clock time of a run. */
  ms: number;
  /** Median CPU time of a run (user + system): steadier than wall time on a busy machine. */
  cpuMs: number;
}

/** One warm-up run, then RUNS timed runs. */
function measure(run: () => void): Timing {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu) };
}

// `sink` keeps the results alive so the work cannot be optimised away.
let sink = 0;
const only = process.argv[2]; // 'due' or 'compliance' to run one measurement (for profiling)
const rows: [name: string, clients: number, timing: Timing, fingerprint: string][] = [];
if (only === undefined || only === 'due') {
  const r = prng(20_251_120);
  const daily = Array.from({ length: DAILY_CLIENTS }, () => dailyClient(r));
  const timing = measure(() => {
    for (const facts of daily) sink += dueItems(facts, TODAY, DEFAULT_RULES).length;
  });
  rows.push(['dueItems (short lists)', DAILY_CLIENTS, timing, fingerprint(daily.map((f) => dueItems(f, TODAY)))]);
}
if (only === undefined || only === 'compliance') {
  const r = prng(20_251_121);
  const histories = Array.from({ length: HISTORY_CLIENTS }, () => historyClient(r));
  const timing = measure(() => {
    for (const facts of histories) sink += compliance(facts, TODAY, DEFAULT_RULES).flags.length;
  });
  rows.push(['compliance (full history)', HISTORY_CLIENTS, timing, fingerprint(histories.map((f) => compliance(f, TODAY)))]);
}

console.log(`today ${TODAY}; median of ${RUNS} runs after a warm-up; node ${process.version}\n`);
const header = ['measure'.padEnd(27), 'clients', 'wall ms', 'µs/client', 'cpu ms', 'cpu µs/client', 'fingerprint'];
console.log(header.join('  '));
for (const [name, clients, { ms, cpuMs }, print] of rows) {
  const cells = [
    name.padEnd(27),
    String(clients).padStart(7),
    ms.toFixed(1).padStart(7),
    ((ms * 1000) / clients).toFixed(2).padStart(9),
    cpuMs.toFixed(1).padStart(6),
    ((cpuMs * 1000) / clients).toFixed(2).padStart(13),
    print.padStart(11),
  ];
  console.log(cells.join('  '));
}
if (sink < 0) console.log(sink);
