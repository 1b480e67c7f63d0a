// Working out legal flags (《戒毒条例》 Art. 20–21: a positive test must be reported to the police;
// missed and refused tests reaching the threshold are a serious violation) for the clients listed
// in FlagCheck. Triggers list a client in the same transaction as any change to their tests,
// status periods or term, so a crash after a record is saved loses no flag; a check also leaves
// the day the client's open test window would be missed, so a flag raised by time alone is found
// on that day, whatever the day of the week.
//
// Each flag becomes one LegalFlagNotice (unique per client and key), pending until it is posted
// (slack/post.ts). A flag that disappears — its test undone or corrected — is withdrawn: silently if it
// was never posted, otherwise with a correction under the message.
import type { Db } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { toDbDate } from '../../db/dates.js';
import type { LocalDate } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { compliance, nextFlagCheck, type ClientFacts, type LegalFlag, type StatusPeriod } from '../../domain/schedule.js';
import type { UrineResult } from '../../domain/types.js';
import { SCHEDULE_DATES, type ScheduleColumns } from '../due-lists/facts.js';

/** Clients worked out per transaction. */
const BATCH = 200;
/** pg_advisory_xact_lock key: one check at a time across instances (two would raise the same notice). */
const LOCK = 0x5375_6e02;

interface Row extends Omit<ScheduleColumns, 'visits' | 'checkIns' | 'tests'> {
  id: number;
  reportedOn: LocalDate | null;
  decisionDate: LocalDate | null;
  awaitingReportIn: boolean;
  periods: StatusPeriod[] | null;
  absences: { from: LocalDate; until: LocalDate | null }[] | null;
  /** "date:result" pairs, comma-separated. */
  tests: string | null;
}

/** What the flags depend on (visits and check-ins do not count towards them). */
async function loadFacts(tx: Db, clientIds: number[]): Promise<{ id: number; facts: ClientFacts }[]> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT c.id, c.program::text AS program, ${SCHEDULE_DATES},
           c."awaitingReportIn", to_char(c."reportedOn", 'YYYY-MM-DD') AS "reportedOn", to_char(c."decisionDate", 'YYYY-MM-DD') AS "decisionDate",
           (SELECT json_agg(json_build_object('from', to_char(a."startsOn", 'YYYY-MM-DD'), 'until', to_char(a."endsOn", 'YYYY-MM-DD'))
                            ORDER BY a."startsOn") FROM "Absence" a WHERE a."clientId" = c.id) AS absences,
           (SELECT json_agg(json_build_object('status', p.status, 'start', to_char(p."startsOn", 'YYYY-MM-DD'),
                                              'end', to_char(p."endsOn", 'YYYY-MM-DD')) ORDER BY p.id)
              FROM "ClientStatusPeriod" p WHERE p."clientId" = c.id AND p.status <> 'active') AS periods,
           (SELECT string_agg(to_char(date, 'YYYY-MM-DD') || ':' || result::text, ',') FROM "UrineTest"
              WHERE "clientId" = c.id AND "deletedAt" IS NULL) AS tests
    FROM "Client" c WHERE c.id = ANY(${clientIds})`;
  return rows.map((r) => ({
    id: r.id,
    facts: {
      program: r.program,
      termStart: r.termStart,
      plannedTermEnd: r.plannedTermEnd,
      trackedFrom: r.trackedFrom,
      reportedOn: r.reportedOn,
      awaitingReportIn: r.awaitingReportIn,
      decisionDate: r.decisionDate,
      absences: r.absences ?? [],
      // A test given at intake closes its window (visits and check-ins do not count towards flags).
      prior: { test: r.priorTestOn },
      periods: r.periods ?? [],
      visits: [],
      checkIns: [],
      tests: (r.tests ? r.tests.split(',') : []).map((pair) => {
        const [date, result] = pair.split(':') as [LocalDate, UrineResult];
        return { date, result };
      }),
    },
  }));
}

/** What a notice says besides the client, kept with it so the message can be written any time. */
function detailOf(flag: LegalFlag): Record<string, unknown> {
  if (flag.kind === 'seriousViolation') return { dates: flag.causes.map((c) => c.date) };
  // The flag's own facts (testDate; absences and days; decisionDate and reportedOn), by their names.
  const { kind: _kind, key: _key, raisedOn: _raisedOn, ...facts } = flag;
  return facts;
}

interface Outcome {
  raised: number;
  withdrawn: number;
}

/** Brings one client's notices in line with its flags today. */
async function reconcile(tx: Db, clientId: number, flags: LegalFlag[], outcome: Outcome): Promise<void> {
  const notices = await tx.legalFlagNotice.findMany({ where: { clientId } });
  const byKey = new Map(notices.map((n) => [n.key, n]));
  for (const flag of flags) {
    const notice = byKey.get(flag.key);
    const data = { kind: flag.kind, raisedOn: toDbDate(flag.raisedOn), detail: detailOf(flag) as never };
    if (!notice) {
      await tx.legalFlagNotice.create({ data: { clientId, key: flag.key, ...data } });
      outcome.raised += 1;
    } else if (notice.state === 'retracting') {
      // Back before its correction went out: the message in the channel stands as it was.
      await tx.legalFlagNotice.update({ where: { id: notice.id }, data: { ...data, state: 'posted', retractedAt: null } });
    } else if (notice.state === 'retracted') {
      // Raised again (a restored record): a new message, as for a new flag.
      await tx.legalFlagNotice.update({
        where: { id: notice.id },
        data: { ...data, state: 'pending', messageTs: null, channelId: null, correctionTs: null, claimedAt: null, postedAt: null, retractedAt: null },
      });
      outcome.raised += 1;
    } else {
      await tx.legalFlagNotice.update({ where: { id: notice.id }, data });
    }
  }
  const current = new Set(flags.map((f) => f.key));
  for (const notice of notices) {
    if (current.has(notice.key) || notice.state === 'retracted' || notice.state === 'retracting') continue;
    // Never posted: nothing to correct. Posted: a correction goes under the message.
    const state = notice.state === 'pending' ? 'retracted' : 'retracting';
    await tx.legalFlagNotice.update({ where: { id: notice.id }, data: { state, retractedAt: new Date(), claimedAt: null } });
    outcome.withdrawn += 1;
  }
}

async function checkBatch(prisma: Prisma, rules: ScheduleRules, today: LocalDate, after: number, outcome: Outcome): Promise<{ listed: number; last: number }> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${LOCK})::text`;
      const listed = await tx.$queryRaw<{ clientId: number; version: number }[]>`
        SELECT "clientId", version FROM "FlagCheck"
        WHERE "clientId" > ${after} AND ("checkOn" IS NULL OR "checkOn" <= ${today}::date)
        ORDER BY "clientId" LIMIT ${BATCH}`;
      if (listed.length === 0) return { listed: 0, last: after };
      const next = new Map<number, LocalDate | null>();
      for (const { id, facts } of await loadFacts(tx, listed.map((l) => l.clientId))) {
        await reconcile(tx, id, compliance(facts, today, rules).flags, outcome);
        next.set(id, nextFlagCheck(facts, today, rules));
      }
      // Off the list, or on it for the day its open window ends — unless changed meanwhile.
      for (const { clientId, version } of listed) {
        const on = next.get(clientId) ?? null;
        if (on === null) await tx.$executeRaw`DELETE FROM "FlagCheck" WHERE "clientId" = ${clientId} AND version = ${version}`;
        else await tx.$executeRaw`UPDATE "FlagCheck" SET "checkOn" = ${on}::date WHERE "clientId" = ${clientId} AND version = ${version}`;
      }
      return { listed: listed.length, last: listed[listed.length - 1]!.clientId };
    },
    { maxWait: 60_000, timeout: 300_000 },
  );
}

/**
 * Works out the flags of every client due a check today; answers how many notices were raised
 * and withdrawn. With `signal`, stops between batches once aborted (what is done stays done).
 */
export async function checkFlags(prisma: Prisma, rules: ScheduleRules, today: LocalDate, signal?: AbortSignal): Promise<Outcome & { checked: number }> {
  const outcome: Outcome = { raised: 0, withdrawn: 0 };
  let checked = 0;
  for (let after = 0; !signal?.aborted; ) {
    const { listed, last } = await checkBatch(prisma, rules, today, after, outcome);
    checked += listed;
    if (listed < BATCH) break;
    after = last;
  }
  return { ...outcome, checked };
}
