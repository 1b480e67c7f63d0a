// Outreach in the weekly counts and the export: events and people reached, per setting and per
// community (the whole sub-district as its own line), for a range and the same days one period
// earlier. One aggregate over the events of both ranges; undone events never count.
import type { Db } from '../../db/audit.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import type { DateRange } from '../../domain/dates.js';
import { OUTREACH_SETTINGS, type OutreachFormat, type OutreachSetting } from '../../domain/types.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';
import type { OutreachCommunity } from './record.js';

export interface OutreachFigures {
  events: number;
  /** People reached, summed over the events. */
  audience: number;
}

export interface Compared {
  current: OutreachFigures;
  previous: OutreachFigures;
}

export interface OutreachCounts {
  /** Every setting, in the order the sub-district names them, zeros included. */
  settings: { setting: OutreachSetting; figures: Compared }[];
  /** The communities with an event in either range, by id; the whole sub-district (null) first. */
  communities: { community: OutreachCommunity; figures: Compared }[];
  total: Compared;
}

/** Which events a report covers: those of these communities (all: every one), and the sub-district-wide ones or not. */
export interface OutreachScope {
  communityIds: number[] | 'all';
  subdistrict: boolean;
}

const zero = (): Compared => ({ current: { events: 0, audience: 0 }, previous: { events: 0, audience: 0 } });

function add(into: Compared, row: { events: number; audience: number; eventsBefore: number; audienceBefore: number }): void {
  into.current.events += row.events;
  into.current.audience += row.audience;
  into.previous.events += row.eventsBefore;
  into.previous.audience += row.audienceBefore;
}

function scopeSql(scope: OutreachScope): Sql.Sql {
  const ids = scope.communityIds;
  if (ids === 'all') return scope.subdistrict ? Sql.empty : Sql.sql`AND o."communityId" IS NOT NULL`;
  return scope.subdistrict ? Sql.sql`AND (o."communityId" = ANY(${ids}) OR o."communityId" IS NULL)` : Sql.sql`AND o."communityId" = ANY(${ids})`;
}

const between = (range: DateRange) => Sql.sql`o.date BETWEEN ${toDbDate(range.start)} AND ${toDbDate(range.end)}`;

interface Row {
  communityId: number | null;
  name: string | null;
  setting: OutreachSetting;
  events: number;
  audience: number;
  eventsBefore: number;
  audienceBefore: number;
}

export async function outreachCounts(db: Db, scope: OutreachScope, ranges: { current: DateRange; previous: DateRange }): Promise<OutreachCounts> {
  if (scope.communityIds !== 'all' && scope.communityIds.length === 0 && !scope.subdistrict) {
    return { settings: OUTREACH_SETTINGS.map((setting) => ({ setting, figures: zero() })), communities: [], total: zero() };
  }
  const [now, before] = [between(ranges.current), between(ranges.previous)];
  // Audience sums as float8: exact for whole numbers far beyond any city's population, and no BigInt.
  const rows = await db.$queryRaw<Row[]>`
    SELECT o."communityId", m.name, o.setting::text AS setting,
           count(*) FILTER (WHERE ${now})::int AS events, coalesce(sum(o.audience) FILTER (WHERE ${now}), 0)::float8 AS audience,
           count(*) FILTER (WHERE ${before})::int AS "eventsBefore", coalesce(sum(o.audience) FILTER (WHERE ${before}), 0)::float8 AS "audienceBefore"
    FROM "OutreachEvent" o LEFT JOIN "Community" m ON m.id = o."communityId"
    WHERE o."deletedAt" IS NULL AND (${now} OR ${before}) ${scopeSql(scope)}
    GROUP BY 1, 2, 3`;
  const settings = new Map(OUTREACH_SETTINGS.map((s) => [s, zero()]));
  const communities = new Map<number | null, { community: OutreachCommunity; figures: Compared }>();
  const total = zero();
  for (const row of rows) {
    add(settings.get(row.setting)!, row);
    add(total, row);
    const key = row.communityId;
    if (!communities.has(key)) communities.set(key, { community: key === null ? null : { id: key, name: row.name ?? '' }, figures: zero() });
    add(communities.get(key)!.figures, row);
  }
  const byId = (a: { community: OutreachCommunity }, b: { community: OutreachCommunity }) => (a.community?.id ?? 0) - (b.community?.id ?? 0);
  return {
    settings: OUTREACH_SETTINGS.map((setting) => ({ setting, figures: settings.get(setting)! })),
    communities: [...communities.values()].sort(byId),
    total,
  };
}

/** One event as the export lists it: no notes. */
export interface OutreachRow {
  date: string;
  community: OutreachCommunity;
  setting: OutreachSetting;
  title: string;
  formats: OutreachFormat[];
  audience: number;
  partners: string | null;
  recordedBy: string;
}

/** The events of a range in scope, by date, community and id. */
export async function outreachRows(db: Db, scope: OutreachScope, range: DateRange): Promise<OutreachRow[]> {
  const rows = await db.$queryRaw<(Omit<OutreachRow, 'date' | 'community' | 'formats'> & { date: Date; communityId: number | null; name: string | null; formats: string })[]>`
    SELECT o.date, o."communityId", m.name, o.setting::text AS setting, o.title, array_to_string(o.formats, ',') AS formats,
           o.audience, o.partners, s."displayName" AS "recordedBy"
    FROM "OutreachEvent" o LEFT JOIN "Community" m ON m.id = o."communityId" JOIN "Staff" s ON s.id = o."recordedById"
    WHERE o."deletedAt" IS NULL AND ${between(range)} ${scopeSql(scope)}
    ORDER BY o.date, o."communityId" NULLS FIRST, o.id`;
  return rows.map(({ communityId, name, date, formats, ...rest }) => ({
    ...rest,
    date: fromDbDate(date),
    community: communityId === null ? null : { id: communityId, name: name ?? '' },
    formats: formats.split(',') as OutreachFormat[],
  }));
}
