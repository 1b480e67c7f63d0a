// The roster written back in the very format the import reads (data portability): one CSV per
// kind, UTF-8 with a BOM so Chinese Excel opens it as it is, headers in Chinese (the first name
// each column has in headers.ts). Export → import is lossless for what the import carries:
// communities with their code and channel, staff per community with their role, and every
// client with their term, team, latest visit, check-in and test, and status as the import reads
// it (its Chinese name, and the current status period's start, end, receiving place or
// termination reason); a client not reported in yet as 未报到 with the decision date.
import { stringify } from 'csv-stringify/sync';
import type { Prisma } from '../db/client.js';
import { fromDbDate } from '../db/dates.js';
import type { LocalDate } from '../domain/dates.js';
import { STATUS_NAMES, TERMINATION_NAMES } from './clients.js';
import { COLUMNS, type Column, type Kind } from './headers.js';

type Row<K extends Kind> = Partial<Record<Column<K>, string | null>>;

/** A UTF-8 BOM: Excel then reads the file as UTF-8, not the system code page. */
const BOM = '\ufeff';

const day = (d: Date | null | undefined): string | null => (d ? fromDbDate(d) : null);

/** The later of two dates, either possibly missing. */
const later = (a: LocalDate | null, b: LocalDate | null): LocalDate | null => (a === null ? b : b === null ? a : a > b ? a : b);

/** A team member as stored: the Slack id, else the name. */
const member = (userId: string | null, name: string | null): string | null => userId ?? name;

async function communities(prisma: Prisma): Promise<Row<'communities'>[]> {
  const rows = await prisma.community.findMany({ orderBy: { name: 'asc' } });
  return rows.map((c) => ({ name: c.name, code: c.code, channel_id: c.channelId }));
}

async function staff(prisma: Prisma): Promise<Row<'staff'>[]> {
  const rows = await prisma.staff.findMany({
    where: { active: true },
    orderBy: { slackUserId: 'asc' },
    include: { memberships: { include: { community: { select: { name: true } } } } },
  });
  // One row per community; someone with no community (an admin by configuration) is not a roster entry.
  return rows.flatMap((s) =>
    s.memberships
      .map((m) => m.community.name)
      .sort()
      .map((community) => ({ slack_user_id: s.slackUserId, name: s.displayName, community, role: s.role })),
  );
}

async function clients(prisma: Prisma): Promise<Row<'clients'>[]> {
  const rows = await prisma.client.findMany({
    orderBy: { caseNumber: 'asc' },
    include: {
      community: { select: { name: true } },
      statusPeriods: { orderBy: [{ startsOn: 'desc' }, { id: 'desc' }], take: 1 },
      caseworker: { select: { slackUserId: true } },
      visits: { where: { deletedAt: null, kind: { not: 'phone' } }, orderBy: { date: 'desc' }, take: 1, select: { date: true } },
      checkIns: { where: { deletedAt: null }, orderBy: { date: 'desc' }, take: 1, select: { date: true } },
      urineTests: { where: { deletedAt: null, result: { not: 'refused' } }, orderBy: { date: 'desc' }, take: 1, select: { date: true } },
    },
  });
  return rows.map((c) => {
    // Not reported in yet: termStart holds the decision date, and no report-in is written.
    const reportedOn = c.awaitingReportIn ? null : (day(c.reportedOn) ?? fromDbDate(c.termStart));
    const termStart = fromDbDate(c.termStart);
    // The period of the current status (an active client's past ones are history, not its status).
    const period = c.status !== 'active' && c.statusPeriods[0]?.status === c.status ? c.statusPeriods[0] : undefined;
    return {
      case_number: c.caseNumber,
      alias: c.alias,
      community: c.community.name,
      program: c.program,
      start_date: reportedOn,
      original_start_date: reportedOn === null || termStart === reportedOn ? null : termStart,
      term_months: String(c.termMonths),
      status: STATUS_NAMES[c.awaitingReportIn ? 'awaiting_report_in' : c.status][0]!,
      status_from: day(period?.startsOn),
      status_until: day(period?.endsOn),
      receiving_place: period?.receivingPlace ?? null,
      termination_reason: period?.terminationReason ? TERMINATION_NAMES[period.terminationReason][0]! : null,
      caseworker: c.caseworker.slackUserId,
      decision_date: day(c.decisionDate),
      last_visit: later(day(c.visits[0]?.date), day(c.priorVisitOn)),
      last_checkin: later(day(c.checkIns[0]?.date), day(c.priorCheckInOn)),
      last_test: later(day(c.urineTests[0]?.date), day(c.priorTestOn)),
      police: member(c.policeUserId, c.policeName),
      grid_worker: member(c.gridWorkerUserId, c.gridWorkerName),
      volunteer: member(c.volunteerUserId, c.volunteerName),
    };
  });
}

const LOADERS: { [K in Kind]: (prisma: Prisma) => Promise<Row<K>[]> } = { communities, staff, clients };

/** The CSV of `kind`: what `npm run import -- <kind>` reads back. */
export async function exportCsv(prisma: Prisma, kind: Kind): Promise<{ csv: Buffer; rows: number }> {
  const columns = Object.keys(COLUMNS[kind]) as Column<typeof kind>[];
  const specs = COLUMNS[kind] as Record<string, { aliases: readonly string[] }>;
  const rows = (await LOADERS[kind](prisma)) as Record<string, string | null | undefined>[];
  const text = stringify([columns.map((c) => specs[c]!.aliases[0]!), ...rows.map((r) => columns.map((c) => r[c] ?? ''))], { record_delimiter: '\r\n' });
  return { csv: Buffer.from(BOM + text, 'utf8'), rows: rows.length };
}
