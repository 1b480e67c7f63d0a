// The counts managers ask for, per community and in total, for a period and the same days one
// period earlier. Three reads whatever the number of clients (no query per client):
//  1. events — one aggregate over the period's visits, check-ins and tests (as daily sums per
//     community, kept by triggers: DailyCount), exits, legal flags and intakes, by community;
//  2. clients — active at the period's end, and which of those were met face to face this
//     month to date: the days each client is active and met, worked out by the schedule core
//     whenever the client's records change (overdue-spans.ts) and counted at both days;
//  3. overdue — the days each client is overdue, worked out and counted alike (overdue.ts).
//  4. outreach — prevention events and people reached, per setting and community (src/features/outreach).
// Soft-deleted records never count. Intakes are dated by the client's term start (the report-in
// date, 报到日), not by when the file was typed in: a roster imported later is not "new".
import type { Db } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { toDbDate } from '../../db/dates.js';
import { todayIn, type DateRange, type IsoWeek } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import { TERMINAL_STATUSES } from '../../domain/types.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';
import { outreachCounts, type OutreachCounts } from '../outreach/counts.js';
import { countOverdue } from './overdue.js';
import { refreshOverdueSpans } from './overdue-spans.js';
import { weekPeriod, type Period } from './period.js';

export const FIGURES = [
  'active', 'visitedThisMonth', 'faceToFace', 'phone', 'otherContacts', 'checkIns',
  'negative', 'positive', 'refused', 'overdue', 'intakes', 'exits', 'legalFlags',
] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<Figure, number>;

export interface CommunityCounts {
  communityId: number;
  name: string;
  current: Figures;
  previous: Figures;
}

export interface Counts {
  period: Period;
  communities: CommunityCounts[];
  total: { current: Figures; previous: Figures };
  outreach: OutreachCounts;
}

export interface CommunityRef {
  id: number;
  name: string;
}

export const zeroFigures = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures;

/** Face-to-face visits as a share of active clients, in whole percent (0 when none are active). */
export function coverage(figures: Figures): number {
  return figures.active === 0 ? 0 : Math.round((100 * figures.visitedThisMonth) / figures.active);
}

function sumFigures(rows: Figures[]): Figures {
  const total = zeroFigures();
  for (const row of rows) for (const f of FIGURES) total[f] += row[f];
  return total;
}

type Which = 'current' | 'previous';
/** The figures of each community id, filled in by the counting steps below. */
export type Table = Map<number, Record<Which, Figures>>;

export const emptyTable = (ids: readonly number[]): Table => new Map(ids.map((id) => [id, { current: zeroFigures(), previous: zeroFigures() }]));

const between = (column: Sql.Sql, range: DateRange) => Sql.sql`${column} BETWEEN ${toDbDate(range.start)} AND ${toDbDate(range.end)}`;

/** What each figure counts among the period's events (alias e: type, detail). */
function eventFigures(rules: ScheduleRules): [Figure, Sql.Sql][] {
  const faceToFace = Sql.sql`e.detail = ANY(${rules.visit.countingKinds})`;
  return [
    ['faceToFace', Sql.sql`e.type = 'visit' AND ${faceToFace}`],
    ['phone', Sql.sql`e.type = 'visit' AND e.detail = 'phone' AND NOT ${faceToFace}`],
    ['otherContacts', Sql.sql`e.type = 'visit' AND e.detail <> 'phone' AND NOT ${faceToFace}`],
    ['checkIns', Sql.sql`e.type = 'checkIn'`],
    ['negative', Sql.sql`e.type = 'test' AND e.detail = 'negative'`],
    ['positive', Sql.sql`e.type = 'test' AND e.detail = 'positive'`],
    ['refused', Sql.sql`e.type = 'test' AND e.detail = 'refused'`],
    ['exits', Sql.sql`e.type = 'exit'`],
    ['legalFlags', Sql.sql`e.type = 'flag'`],
    ['intakes', Sql.sql`e.type = 'intake'`],
  ];
}

/**
 * 1. Every dated event of both ranges, counted by community: one row per community. Visits,
 * check-ins and tests are read as daily sums (DailyCount, kept by triggers): a week of a whole
 * city is a few thousand sums, not tens of thousands of records joined to their clients. Exits,
 * legal flags and intakes are few and counted from their rows.
 */
export async function countEvents(db: Db, scope: Sql.Sql, period: Period, rules: ScheduleRules, table: Table): Promise<void> {
  const inRanges = (column: string) => Sql.sql`(${between(Sql.raw(column), period.previous)} OR ${between(Sql.raw(column), period.counted)})`;
  const figures = eventFigures(rules);
  const columns = Sql.join(
    figures.flatMap(([figure, where]) => [
      Sql.sql`coalesce(sum(e.n) FILTER (WHERE ${where} AND e.date >= ${toDbDate(period.counted.start)}), 0)::int AS ${Sql.raw(`"${figure}"`)}`,
      Sql.sql`coalesce(sum(e.n) FILTER (WHERE ${where} AND e.date < ${toDbDate(period.counted.start)}), 0)::int AS ${Sql.raw(`"${figure}Before"`)}`,
    ]),
  );
  // Each part names the community column c."communityId", which `scope` filters on.
  const rows = await db.$queryRaw<({ communityId: number } & Record<string, number>)[]>`
    SELECT e."communityId", ${columns}
    FROM (
      SELECT c.type, c.detail, c.day AS date, c."communityId", c.count AS n FROM "DailyCount" c WHERE ${inRanges('c.day')} ${scope}
      UNION ALL
      SELECT 'exit', p.status::text, p."startsOn", c."communityId", 1 FROM "ClientStatusPeriod" p JOIN "Client" c ON c.id = p."clientId"
        WHERE p.status = ANY(${[...TERMINAL_STATUSES]}::"ClientStatus"[]) AND ${inRanges('p."startsOn"')} ${scope}
      UNION ALL
      SELECT 'flag', f.kind, f."raisedOn", c."communityId", 1 FROM "LegalFlagNotice" f JOIN "Client" c ON c.id = f."clientId"
        WHERE f.state <> 'retracted' AND ${inRanges('f."raisedOn"')} ${scope}
      UNION ALL
      SELECT 'intake', '', c."termStart", c."communityId", 1 FROM "Client" c WHERE ${inRanges('c."termStart"')} ${scope}
    ) e
    GROUP BY 1`;
  for (const row of rows) {
    const entry = table.get(row.communityId);
    if (!entry) continue;
    for (const [figure] of figures) {
      entry.current[figure] = row[figure]!;
      entry.previous[figure] = row[`${figure}Before`]!;
    }
  }
}

interface ClientRow {
  communityId: number;
  active: number;
  visited: number;
  activeBefore: number;
  visitedBefore: number;
}

/**
 * 2. Clients active at the end of each range (domain/active.ts) — the term has started and not
 * ended (its planned end moved later by the days suspended so far), and no period other than
 * leave covers the day; an exit lasts for good from its start — and how many of them were met
 * face to face between the first of that day's month and the day. Read from ActiveSpan, the
 * days the schedule core worked out for each client as its records changed (refresh first):
 * the runs of active days that reach the earlier day, and the met days of its month and later.
 */
export async function countClients(db: Db, scope: Sql.Sql, period: Period, _rules: ScheduleRules, table: Table): Promise<void> {
  const [now, before] = [toDbDate(period.counted.end), toDbDate(period.previous.end)];
  // The span is aliased c: it carries its client's community, which `scope` filters on.
  const covers = (day: Date) => Sql.sql`c."startsOn" <= ${day} AND c."endsOn" >= ${day}`;
  const rows = await db.$queryRaw<ClientRow[]>`
    SELECT c."communityId",
           count(*) FILTER (WHERE NOT c.met AND ${covers(now)})::int AS active,
           count(*) FILTER (WHERE c.met AND ${covers(now)})::int AS visited,
           count(*) FILTER (WHERE NOT c.met AND ${covers(before)})::int AS "activeBefore",
           count(*) FILTER (WHERE c.met AND ${covers(before)})::int AS "visitedBefore"
    FROM "ActiveSpan" c
    WHERE c."endsOn" >= ${before} AND c."startsOn" <= ${now} ${scope}
    GROUP BY 1`;
  for (const row of rows) {
    const entry = table.get(row.communityId);
    if (!entry) continue;
    Object.assign(entry.current, { active: row.active, visitedThisMonth: row.visited });
    Object.assign(entry.previous, { active: row.activeBefore, visitedThisMonth: row.visitedBefore });
  }
}

/** 3. Clients with something overdue on each range's last day. */
async function countOverdueClients(db: Db, scope: Sql.Sql, period: Period, _rules: ScheduleRules, table: Table): Promise<void> {
  const counts = await countOverdue(db, scope, [period.previous.end, period.counted.end]);
  for (const [communityId, [before, now]] of counts) {
    const entry = table.get(communityId);
    if (!entry) continue;
    entry.previous.overdue = before;
    entry.current.overdue = now;
  }
}

/** One counting step in its own transaction, without JIT: compiling these one-off aggregates costs more than running them. */
export function runCount(prisma: Prisma, count: typeof countEvents, scope: Sql.Sql, period: Period, rules: ScheduleRules, table: Table): Promise<void> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      await count(tx, scope, period, rules, table);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * The counts of `communities` (all of them when 'all') for a period. `subdistrict`: whether the
 * sub-district-wide outreach events count too (default: for every community, not for a list).
 */
export async function periodCounts(
  prisma: Prisma,
  input: { communities: CommunityRef[] | 'all'; period: Period; rules: ScheduleRules; subdistrict?: boolean },
): Promise<Counts> {
  const communities =
    input.communities === 'all'
      ? await prisma.community.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } })
      : [...input.communities].sort((a, b) => a.id - b.id);
  const ids = communities.map((c) => c.id);
  const table = emptyTable(ids);
  // Everything: no filter at all, so the planner is not handed 2,000 ids to match.
  const scope = input.communities === 'all' ? Sql.empty : Sql.sql`AND c."communityId" = ANY(${ids})`;
  if (ids.length > 0) {
    // Three reads at once (on a server; the embedded database takes them in turn). The days of
    // the clients changed since the last count are worked out before the two that read them.
    const read = (count: typeof countEvents) => runCount(prisma, count, scope, input.period, input.rules, table);
    const perClient = async () => {
      await refreshOverdueSpans(prisma, input.rules);
      await Promise.all([read(countOverdueClients), read(countClients)]);
    };
    await Promise.all([perClient(), read(countEvents)]);
  }
  const outreachScope = { communityIds: input.communities === 'all' ? ('all' as const) : ids, subdistrict: input.subdistrict ?? input.communities === 'all' };
  const outreach = await outreachCounts(prisma, outreachScope, { current: input.period.counted, previous: input.period.previous });
  const rows = communities.map((c) => ({ communityId: c.id, name: c.name, ...table.get(c.id)! }));
  return {
    period: input.period,
    communities: rows,
    total: { current: sumFigures(rows.map((r) => r.current)), previous: sumFigures(rows.map((r) => r.previous)) },
    outreach,
  };
}

/**
 * The weekly counts: an ISO week (Monday–Sunday in `timeZone`), counted up to today while it
 * runs, compared with the same days of the week before. Null for a week that has not started.
 */
export async function weeklyCounts(
  prisma: Prisma,
  input: { communityIds: number[] | 'all'; week: IsoWeek; timeZone: string; rules: ScheduleRules; now?: Date },
): Promise<Counts | null> {
  const period = weekPeriod({ kind: 'week', week: input.week }, todayIn(input.timeZone, input.now ?? new Date()));
  if (!period) return null;
  const communities =
    input.communityIds === 'all'
      ? 'all'
      : await prisma.community.findMany({ where: { id: { in: input.communityIds } }, select: { id: true, name: true } });
  return periodCounts(prisma, { communities, period, rules: input.rules });
}
