// The CSV export managers send upward: one file of the counts (a row per community and the
// total), one of the records in the period — date, case number, alias, community, type,
// kind or result, who recorded it — and one of the prevention outreach events. No notes and no
// name but the alias leave the database.
// Plain data and an actor in, the files out; the export is audited.
import type { Actor } from '../../domain/access.js';
import type { DateRange } from '../../domain/dates.js';
import type { ScheduleRules } from '../../domain/rules.js';
import type { Prisma } from '../../db/client.js';
import { auditRead } from '../../db/audit.js';
import { fromDbDate, toDbDate } from '../../db/dates.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import { outreachRows, type OutreachRow } from '../outreach/counts.js';
import { coverage, periodCounts, type CommunityRef, type Counts, type Figures } from './counts.js';
import { toCsv } from './csv.js';
import type { Period } from './period.js';

export interface RecordRow {
  date: string;
  caseNumber: string;
  alias: string;
  community: string;
  type: 'visit' | 'checkIn' | 'test';
  /** Visit kind or test result code; empty for a check-in. */
  detail: string;
  recordedBy: string;
}

export interface ExportFile {
  filename: string;
  content: Buffer;
}

export function canExport(actor: Actor): boolean {
  return actor.staffId !== null && (actor.isAdmin || actor.role === 'manager');
}

/** Every visit, check-in and test of the range in the communities, by date, community and case number. */
export async function periodRecords(prisma: Prisma, communities: CommunityRef[] | 'all', range: DateRange): Promise<RecordRow[]> {
  const scope = communities === 'all' ? Sql.empty : Sql.sql`AND c."communityId" = ANY(${communities.map((c) => c.id)})`;
  const [start, end] = [toDbDate(range.start), toDbDate(range.end)];
  const rows = await prisma.$queryRaw<(Omit<RecordRow, 'date'> & { date: Date })[]>`
    SELECT r.date, c."caseNumber", c.alias, m.name AS community, r.type, r.detail, s."displayName" AS "recordedBy"
    FROM (
      SELECT date, 'visit' AS type, kind::text AS detail, "clientId", "recordedById", id FROM "Visit"
        WHERE "deletedAt" IS NULL AND date BETWEEN ${start} AND ${end}
      UNION ALL
      SELECT date, 'checkIn', '', "clientId", "recordedById", id FROM "CheckIn"
        WHERE "deletedAt" IS NULL AND date BETWEEN ${start} AND ${end}
      UNION ALL
      SELECT date, 'test', result::text, "clientId", "recordedById", id FROM "UrineTest"
        WHERE "deletedAt" IS NULL AND date BETWEEN ${start} AND ${end}
    ) r
    JOIN "Client" c ON c.id = r."clientId"
    JOIN "Community" m ON m.id = c."communityId"
    JOIN "Staff" s ON s.id = r."recordedById"
    WHERE TRUE ${scope}
    ORDER BY r.date, m.name, c."caseNumber", r.type DESC, r.id`;
  return rows.map((r) => ({ ...r, date: fromDbDate(r.date) }));
}

const COUNT_COLUMNS: [MessageKey, (f: Figures) => number][] = [
  ['reports.csv.active', (f) => f.active],
  ['reports.csv.visitedThisMonth', (f) => f.visitedThisMonth],
  ['reports.csv.coverage', coverage],
  ['reports.csv.faceToFace', (f) => f.faceToFace],
  ['reports.csv.phone', (f) => f.phone],
  ['reports.csv.otherContacts', (f) => f.otherContacts],
  ['reports.csv.checkIns', (f) => f.checkIns],
  ['reports.csv.negative', (f) => f.negative],
  ['reports.csv.positive', (f) => f.positive],
  ['reports.csv.refused', (f) => f.refused],
  ['reports.csv.overdue', (f) => f.overdue],
  ['reports.csv.intakes', (f) => f.intakes],
  ['reports.csv.exits', (f) => f.exits],
  ['reports.csv.legalFlags', (f) => f.legalFlags],
];

/**
 * A row per community, then the sub-district-wide outreach (when there was any; its casework
 * cells are empty, casework always belongs to a community), then the total.
 */
export function countsCsv(t: Translate, counts: Counts): string {
  const outreach = new Map(counts.outreach.communities.map((c) => [c.community?.id ?? null, c.figures.current]));
  const reached = (f: { events: number; audience: number } | undefined) => [f?.events ?? 0, f?.audience ?? 0];
  const casework = (f: Figures) => COUNT_COLUMNS.map(([, get]) => get(f));
  const subdistrict = outreach.get(null);
  return toCsv([
    [t('reports.csv.community'), ...COUNT_COLUMNS.map(([key]) => t(key)), t('reports.csv.outreachEvents'), t('reports.csv.outreachAudience')],
    ...counts.communities.map((c) => [c.name, ...casework(c.current), ...reached(outreach.get(c.communityId))]),
    ...(subdistrict ? [[t('outreach.community.subdistrict'), ...COUNT_COLUMNS.map(() => ''), ...reached(subdistrict)]] : []),
    [t('reports.total', { count: counts.communities.length }), ...casework(counts.total.current), ...reached(counts.outreach.total.current)],
  ]);
}

/** Every outreach event of the period in scope; the notes stay in the database. */
export function outreachCsv(t: Translate, events: OutreachRow[]): string {
  const header = ['date', 'community', 'setting', 'title', 'formats', 'audience', 'partners', 'recordedBy'].map((k) => t(`outreach.csv.${k}` as MessageKey));
  return toCsv([
    header,
    ...events.map((e) => [
      e.date,
      e.community?.name ?? t('outreach.community.subdistrict'),
      t(`outreach.setting.${e.setting}`),
      e.title,
      e.formats.map((f) => t(`outreach.format.${f}`)).join(t('common.listSeparator')),
      e.audience,
      e.partners ?? '',
      e.recordedBy,
    ]),
  ]);
}

function detailLabel(t: Translate, record: RecordRow): string {
  // The form's labels: one name for a visit kind or a result wherever it shows.
  if (record.type === 'visit') return t(`visits.kind.${record.detail}` as MessageKey);
  if (record.type === 'test') return t(`visits.urine.${record.detail}` as MessageKey);
  return '';
}

export function recordsCsv(t: Translate, records: RecordRow[]): string {
  const header = ['date', 'caseNumber', 'alias', 'community', 'type', 'detail', 'recordedBy'].map((k) => t(`reports.csv.${k}` as MessageKey));
  return toCsv([
    header,
    ...records.map((r) => [r.date, r.caseNumber, r.alias, r.community, t(`reports.type.${r.type}`), detailLabel(t, r), r.recordedBy]),
  ]);
}

export interface ExportRequest {
  period: Period;
  communities: CommunityRef[] | 'all';
  rules: ScheduleRules;
  /** Whether the sub-district-wide outreach events belong in it (default: when every community is exported). */
  subdistrict?: boolean;
}

/** Builds both files and audits the export (ids, codes and sizes only). */
export async function exportReport(prisma: Prisma, actor: Actor, t: Translate, request: ExportRequest): Promise<ExportFile[]> {
  const { period, communities } = request;
  const subdistrict = request.subdistrict ?? communities === 'all';
  const counts = await periodCounts(prisma, { communities, period, rules: request.rules, subdistrict });
  const records = await periodRecords(prisma, communities, period.counted);
  const events = await outreachRows(prisma, { communityIds: communities === 'all' ? 'all' : communities.map((c) => c.id), subdistrict }, period.counted);
  const single = communities !== 'all' && communities.length === 1 ? communities[0] : undefined;
  const suffix = `${period.key}${single ? `-${single.id}` : ''}`;
  await auditRead(prisma, {
    actor: actor.userId,
    action: 'report.export',
    entity: 'report',
    entityId: period.key,
    communityId: single?.id ?? null,
    detail: { unit: period.unit, from: period.counted.start, to: period.counted.end, communities: counts.communities.length, records: records.length, outreach: events.length },
  });
  return [
    { filename: `counts-${suffix}.csv`, content: Buffer.from(countsCsv(t, counts), 'utf8') },
    { filename: `records-${suffix}.csv`, content: Buffer.from(recordsCsv(t, records), 'utf8') },
    { filename: `outreach-${suffix}.csv`, content: Buffer.from(outreachCsv(t, events), 'utf8') },
  ];
}
