// Keeps OverdueSpan and ActiveSpan current. Triggers list every client whose records, status
// periods or term changed in OverdueStale (with a version that grows on each change);
// refreshOverdueSpans recomputes the listed clients with the schedule core (the overdue days,
// src/domain/overdue.ts; the active days and those met this month, src/domain/active-runs.ts)
// over their full history and takes them off the list — unless they changed again meanwhile, in which case they
// stay listed for the next refresh. Anything that reads the spans refreshes first, so a count
// never misses a record committed before it was asked for; in steady use only the clients
// touched since the last read are recomputed (one to two milliseconds each).
//
// When the schedule rules (or this computation) change, every client is listed: the fingerprint
// in DerivedData says what the stored spans were computed with.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { activeRuns } from '../../domain/active-runs.js';
import type { DayRun } from '../../domain/days.js';
import { overdueRuns } from '../../domain/overdue.js';
import type { ScheduleRules } from '../../domain/rules.js';
import type { ClientFacts, StatusPeriod } from '../../domain/schedule.js';
import type { VisitKind } from '../../domain/types.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';
import { SCHEDULE_DATES, factsFromColumns, type ScheduleColumns } from '../due-lists/facts.js';

const KEY = 'overdue_spans';
/** Bump when overdueRuns or activeRuns changes what it returns for the same facts (3: ActiveSpan added). */
const ALGORITHM = 3;
/** Clients recomputed per transaction. */
const BATCH = 500;
/** pg_advisory_xact_lock key: one refresh at a time across instances (two would write the same spans). */
const LOCK = 0x5375_6e01;

/** JSON with keys sorted, so equal rules give equal text whatever order a settings file used. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function spansFingerprint(rules: ScheduleRules): string {
  return createHash('sha256').update(`${ALGORITHM}:${canonical(rules)}`).digest('hex').slice(0, 32);
}

const lock = (tx: Db) => tx.$queryRaw`SELECT pg_advisory_xact_lock(${LOCK})::text`;

/** Lists every client when the stored spans were computed with other rules. */
async function checkFingerprint(prisma: Prisma, rules: ScheduleRules): Promise<void> {
  const fingerprint = spansFingerprint(rules);
  const stored = await prisma.derivedData.findUnique({ where: { key: KEY } });
  if (stored?.fingerprint === fingerprint) return;
  await prisma.$transaction(async (tx) => {
    await lock(tx);
    const again = await tx.derivedData.findUnique({ where: { key: KEY } });
    if (again?.fingerprint === fingerprint) return;
    await tx.$executeRaw`
      INSERT INTO "OverdueStale" ("clientId") SELECT id FROM "Client" ORDER BY id
      ON CONFLICT ("clientId") DO UPDATE SET version = "OverdueStale".version + 1`;
    await tx.derivedData.upsert({ where: { key: KEY }, create: { key: KEY, fingerprint }, update: { fingerprint } });
  });
}

interface FactsRow extends ScheduleColumns {
  id: number;
  communityId: number;
  periods: StatusPeriod[] | null;
  /** The spans stored now, as spanText writes them (null: none). */
  overdueSpans: string | null;
  activeSpans: string | null;
}

interface Loaded {
  id: number;
  communityId: number;
  facts: ClientFacts;
  stored: { overdue: string; active: string };
}

/** Every client's whole history (not soft-deleted), as the schedule core reads it, and the spans stored for it now. */
async function loadFacts(tx: Db, clientIds: number[], rules: ScheduleRules): Promise<Loaded[]> {
  const kinds = rules.visit.countingKinds as VisitKind[];
  const days = (column: string) => Sql.raw(`"${column}" - DATE '1970-01-01'`);
  const rows = await tx.$queryRaw<FactsRow[]>`
    SELECT c.id, c."communityId", c.program::text AS program, ${SCHEDULE_DATES},
           (SELECT json_agg(json_build_object('status', p.status, 'start', to_char(p."startsOn", 'YYYY-MM-DD'),
                                              'end', to_char(p."endsOn", 'YYYY-MM-DD')) ORDER BY p.id)
              FROM "ClientStatusPeriod" p WHERE p."clientId" = c.id AND p.status <> 'active') AS periods,
           (SELECT string_agg(to_char(date, 'YYYY-MM-DD'), ',') FROM "Visit"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND kind = ANY(${kinds}::"VisitKind"[])) AS visits,
           (SELECT string_agg(to_char(date, 'YYYY-MM-DD'), ',') FROM "CheckIn" WHERE "clientId" = c.id AND "deletedAt" IS NULL) AS "checkIns",
           (SELECT string_agg(to_char(date, 'YYYY-MM-DD'), ',') FROM "UrineTest"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL AND result <> 'refused') AS tests,
           (SELECT string_agg(concat_ws(':', 0, ${days('startsOn')}, ${days('endsOn')}, "communityId"), ',' ORDER BY "startsOn")
              FROM "OverdueSpan" WHERE "clientId" = c.id) AS "overdueSpans",
           (SELECT string_agg(concat_ws(':', met::int, ${days('startsOn')}, ${days('endsOn')}, "communityId"), ',' ORDER BY met, "startsOn")
              FROM "ActiveSpan" WHERE "clientId" = c.id) AS "activeSpans"
    FROM "Client" c WHERE c.id = ANY(${clientIds}) AND NOT c."awaitingReportIn"`;
  return rows.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    facts: factsFromColumns(r, r.periods ?? [], rules),
    stored: { overdue: r.overdueSpans ?? '', active: r.activeSpans ?? '' },
  }));
}

/** Spans of many clients as columns, for one INSERT … unnest. */
class SpanRows {
  readonly owners: number[] = [];
  readonly communities: number[] = [];
  readonly met: boolean[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  add(clientId: number, communityId: number, runs: DayRun[], met: boolean): void {
    for (const run of runs) {
      this.owners.push(clientId);
      this.communities.push(communityId);
      this.met.push(met);
      this.starts.push(run.start);
      this.ends.push(run.end);
    }
  }
}

/** Runs as loadFacts reads stored spans back: "met:start:end:community", in order, comma-separated. */
const spanText = (communityId: number, ...lists: [DayRun[], boolean][]) =>
  lists.flatMap(([runs, met]) => runs.map((r) => `${met ? 1 : 0}:${r.start}:${r.end}:${communityId}`)).join(',');

/** Recomputes one batch of listed clients after `after` (client id); how many were listed, and the last id. */
async function refreshBatch(prisma: Prisma, rules: ScheduleRules, after: number): Promise<{ listed: number; last: number }> {
  return prisma.$transaction(
    async (tx) => {
      await lock(tx);
      const stale = await tx.$queryRaw<{ clientId: number; version: number }[]>`
        SELECT "clientId", version FROM "OverdueStale" WHERE "clientId" > ${after} ORDER BY "clientId" LIMIT ${BATCH}`;
      if (stale.length === 0) return { listed: 0, last: after };
      const ids = stale.map((s) => s.clientId);
      // Clients listed but not loaded (awaiting report-in, or erased) keep no spans.
      const loaded = await loadFacts(tx, ids, rules);
      const unloaded = new Set(ids);
      const changed: number[] = [];
      const overdue = new SpanRows();
      const active = new SpanRows();
      for (const { id, communityId, facts, stored } of loaded) {
        unloaded.delete(id);
        const overdueDays = overdueRuns(facts, rules);
        const runs = activeRuns(facts, rules);
        // Spans that come out as they are stored (most changes touch no span of the history, or
        // none at all) are left alone: a count keeps reading them from the index alone.
        const same =
          spanText(communityId, [overdueDays, false]) === stored.overdue &&
          spanText(communityId, [runs.active, false], [runs.met, true]) === stored.active;
        if (same) continue;
        changed.push(id);
        overdue.add(id, communityId, overdueDays, false);
        active.add(id, communityId, runs.active, false);
        active.add(id, communityId, runs.met, true);
      }
      changed.push(...unloaded);
      // One statement, one round trip: the changed clients' spans out and in again, and the
      // clients off the list — unless changed again since it was read (then the next refresh
      // redoes them). Its parts see one snapshot, so the deletes never see the rows inserted
      // beside them. Day numbers cross as integers; the database turns them back into dates.
      // The spans take the client's community as read above (a move lists the client again).
      await tx.$executeRaw`
        WITH gone_overdue AS (DELETE FROM "OverdueSpan" WHERE "clientId" = ANY(${changed}::int[])),
        gone_active AS (DELETE FROM "ActiveSpan" WHERE "clientId" = ANY(${changed}::int[])),
        new_overdue AS (
          INSERT INTO "OverdueSpan" ("clientId", "communityId", "startsOn", "endsOn")
          SELECT c, k, DATE '1970-01-01' + s, DATE '1970-01-01' + e
          FROM unnest(${overdue.owners}::int[], ${overdue.communities}::int[], ${overdue.starts}::int[], ${overdue.ends}::int[]) AS u(c, k, s, e)
        ), new_active AS (
          INSERT INTO "ActiveSpan" ("clientId", "communityId", "met", "startsOn", "endsOn")
          SELECT c, k, m, DATE '1970-01-01' + s, DATE '1970-01-01' + e
          FROM unnest(${active.owners}::int[], ${active.communities}::int[], ${active.met}::boolean[], ${active.starts}::int[], ${active.ends}::int[]) AS u(c, k, m, s, e)
        )
        DELETE FROM "OverdueStale" o USING unnest(${ids}::int[], ${stale.map((s) => s.version)}::int[]) AS v(id, version)
        WHERE o."clientId" = v.id AND o.version = v.version`;
      return { listed: stale.length, last: ids[ids.length - 1]! };
    },
    { maxWait: 60_000, timeout: 300_000 },
  );
}

/**
 * Brings every listed client's spans up to date; returns how many clients were recomputed.
 * With `signal`, stops between batches once aborted (what is done stays done).
 */
export async function refreshOverdueSpans(prisma: Prisma, rules: ScheduleRules, signal?: AbortSignal): Promise<number> {
  await checkFingerprint(prisma, rules);
  let total = 0;
  // One pass in client order: a client listed again during the pass waits for the next refresh.
  for (let after = 0; !signal?.aborted; ) {
    const { listed, last } = await refreshBatch(prisma, rules, after);
    total += listed;
    if (listed < BATCH) return total;
    after = last;
  }
  return total;
}
