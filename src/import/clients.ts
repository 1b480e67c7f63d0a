// Rows of a clients file, checked by the intake's own rules (features/clients/schema.ts
// parseIntake) and created the way the intake creates them: the term from the (original)
// report-in, the report-in as the first check-in, the history before it as prior dates, and
// followed from today when the report-in is earlier — no invented history, no flags for the past.
// A roster holds every status: a client on leave, suspended, transferred out, completed or
// terminated is created with that status and one status period (from 状态起始, else the import
// day), as a change in Slack would record it; a client not reported in yet (未报到) is registered
// on the decision, as the intake's "not reported yet" does, with no check-in.
// A client already on file (same case number, ignoring case) gets its alias, caseworker and
// support team updated; anything about its term or status is changed in Slack, not by a file
// (a row saying what is already stored is unchanged).
import type { Db } from '../db/audit.js';
import { fromDbDate, toDbDate } from '../db/dates.js';
import { compareDates, maxDate, type LocalDate } from '../domain/dates.js';
import { nameProblem } from '../domain/names.js';
import { SLACK_USER_ID } from '../domain/slack-ids.js';
import type { ClientStatus, Program, SupportTeamColumns, TerminationReason } from '../domain/types.js';
import { INTAKE } from '../features/clients/ids.js';
import { MAX_PLACE } from '../features/lifecycle/ids.js';
import { aliasPinyin } from '../features/clients/pinyin.js';
import { clientColumns, intakeTerm } from '../features/clients/record.js';
import { parseIntake, type IntakeInput, type IntakeValues } from '../features/clients/schema.js';
import type { MessageKey } from '../i18n/index.js';
import type { Column } from './headers.js';
import { parseSheetDate } from './dates.js';
import { MAX_PERSON_NAME, RowProblems, type Change, type KindPlan, type Row } from './rows.js';

type ClientColumn = Column<'clients'>;

const DATE_COLUMNS = ['start_date', 'original_start_date', 'decision_date', 'last_visit', 'last_checkin', 'last_test'] as const;
const TEAM = { police: ['policeUserId', 'policeName'], grid_worker: ['gridWorkerUserId', 'gridWorkerName'], volunteer: ['volunteerUserId', 'volunteerName'] } as const;
type TeamColumn = keyof typeof TEAM;

const PROGRAMS: Record<string, Program> = {
  社区戒毒: 'community_treatment',
  community_treatment: 'community_treatment',
  社区康复: 'community_rehab',
  community_rehab: 'community_rehab',
};

/** A status column's value: a client status, or registered on the decision and not reported in yet. */
export type RosterStatus = ClientStatus | 'awaiting_report_in';

/** The names a status is given in a file; the first is the one the export writes. */
export const STATUS_NAMES: Record<RosterStatus, readonly string[]> = {
  active: ['在册', 'active'],
  on_leave: ['请假', '外出请假', 'on_leave'],
  suspended: ['中止', 'suspended'],
  transferred_out: ['转出', 'transferred_out'],
  completed: ['期满解除', '解除', 'completed'],
  terminated: ['终止', 'terminated'],
  awaiting_report_in: ['未报到', '待报到', 'awaiting_report_in', 'not_reported'],
};

/** The names a termination reason is given in a file; the first is the one the export writes. */
export const TERMINATION_NAMES: Record<TerminationReason, readonly string[]> = {
  prison_sentence: ['判处刑罚', 'prison_sentence'],
  compulsory_isolation: ['强制隔离戒毒', 'compulsory_isolation'],
  death: ['死亡', 'death'],
  other: ['其他', 'other'],
};

const byName = <T extends string>(names: Record<T, readonly string[]>) =>
  new Map((Object.entries(names) as [T, readonly string[]][]).flatMap(([code, list]) => list.map((name) => [name.toLowerCase(), code] as const)));
const STATUSES = byName(STATUS_NAMES);
const TERMINATION_REASONS = byName(TERMINATION_NAMES);

/** Statuses with a planned end (leave's return, a suspension's end), as in the lifecycle. */
const DATED = new Set<RosterStatus>(['on_leave', 'suspended']);

/** The reason of a status period an import writes: stored text, like a caseworker's reason. */
export const IMPORT_REASON = '名册导入';

/** The status a row gives, with its period's columns as written (null: empty). */
interface StatusCells {
  status: RosterStatus;
  from: LocalDate | null;
  until: LocalDate | null;
  receivingPlace: string | null;
  terminationReason: TerminationReason | null;
}

/** The status period a new client is created with (none when active or not reported in). */
interface Period {
  status: Exclude<ClientStatus, 'active'>;
  startsOn: LocalDate;
  endsOn: LocalDate | null;
  receivingPlace: string | null;
  terminationReason: TerminationReason | null;
}

/** The intake's messages that speak of a form's pickers, said for a file's cells. */
const FILE_WORDING: Partial<Record<MessageKey, MessageKey>> = {
  'clients.intake.error.program': 'import.error.program',
  'clients.intake.error.startDate': 'import.error.required',
  'clients.intake.error.caseworker': 'import.error.required',
  'clients.intake.error.community': 'import.error.required',
  'clients.intake.error.person': 'import.error.person',
  'clients.intake.error.failed': 'import.error.invalid',
};

/** A support-team cell: a Slack user id, or the name of someone without Slack. */
type Member = { userId: string; name: null } | { userId: null; name: string };

interface Stored extends SupportTeamColumns {
  id: number;
  caseNumber: string;
  alias: string;
  communityId: number;
  program: Program;
  status: ClientStatus;
  awaitingReportIn: boolean;
  termStart: Date;
  reportedOn: Date | null;
  decisionDate: Date | null;
  termMonths: number;
  caseworkerId: number;
  /** Personal data erased (/caseload erase): a file must not bring the alias or team back. */
  erasedAt: Date | null;
  /** The latest status period. */
  statusPeriods: { status: ClientStatus; startsOn: Date; endsOn: Date | null; receivingPlace: string | null; terminationReason: TerminationReason | null }[];
}

interface StaffRow {
  id: number;
  slackUserId: string;
  displayName: string;
  communities: number[];
}

export async function planClients(db: Db, rows: Row<'clients'>[], today: LocalDate): Promise<KindPlan<'clients'>> {
  const plan: KindPlan<'clients'> = { problems: [], changes: [] };
  const communities = new Map((await db.community.findMany({ select: { id: true, name: true } })).map((c) => [c.name.toLowerCase(), c.id]));
  const staff: StaffRow[] = (
    await db.staff.findMany({ where: { active: true }, select: { id: true, slackUserId: true, displayName: true, memberships: { select: { communityId: true } } } })
  ).map((s) => ({ id: s.id, slackUserId: s.slackUserId, displayName: s.displayName, communities: s.memberships.map((m) => m.communityId) }));
  const keys = rows.flatMap((r) => (r.cells.case_number ? [r.cells.case_number.toUpperCase()] : []));
  const stored = new Map<string, Stored>(
    (
      await db.client.findMany({
        where: { caseNumberKey: { in: keys } },
        include: { statusPeriods: { orderBy: [{ startsOn: 'desc' }, { id: 'desc' }], take: 1 } },
      })
    ).map((c) => [c.caseNumber.toUpperCase(), c as Stored]),
  );
  const seen = new Map<string, number>();
  for (const row of rows) {
    const problems = new RowProblems<'clients'>(row.line);
    const read = readRow(row, problems, communities, staff, today);
    const caseKey = read.values?.[INTAKE.caseNumber]?.toUpperCase();
    if (caseKey !== undefined) {
      const earlier = seen.get(caseKey);
      if (earlier !== undefined) problems.add('case_number', 'import.error.duplicateRow', { line: earlier });
      seen.set(caseKey, row.line);
    }
    if (problems.list.length > 0 || !read.values || !read.caseworker || !read.status) {
      plan.problems.push(...problems.list);
      continue;
    }
    const current = stored.get(caseKey!);
    const change = current
      ? updateOf(row.line, read.values, read.status, read.caseworker, read.team, current, today, problems)
      : createOf(row.line, read.values, periodOf(read.values, read.status, today), read.caseworker, read.team, today);
    if (problems.list.length > 0) plan.problems.push(...problems.list);
    else plan.changes.push(change);
  }
  return plan;
}

interface ReadRow {
  /** Every input parsed (undefined when any has a problem). */
  values?: IntakeValues;
  status?: StatusCells;
  caseworker?: StaffRow;
  team: Partial<Record<TeamColumn, Member>>;
}

/** The row as intake input, checked by the intake's rules; the file's own checks first. */
function readRow(row: Row<'clients'>, problems: RowProblems<'clients'>, communities: Map<string, number>, staff: StaffRow[], today: LocalDate): ReadRow {
  const cells = row.cells;
  const text = (column: ClientColumn) => (cells[column] ? cells[column] : null);
  const input: IntakeInput = {};
  for (const column of ['case_number', 'alias', 'term_months'] as const) input[column] = text(column);
  for (const column of DATE_COLUMNS) {
    const value = text(column);
    if (value === null) continue;
    const date = parseSheetDate(value);
    if (date === null) problems.add(column, 'import.error.date', { value });
    else input[column] = date;
  }
  const program = text('program');
  if (program !== null) {
    const code = PROGRAMS[program.toLowerCase()];
    if (code) input[INTAKE.program] = code;
    else problems.add('program', 'import.error.program');
  }
  const status = readStatus(text, problems, today);
  if (status?.status === 'awaiting_report_in') {
    input[INTAKE.notReportedYet] = ['yes'];
    // Not reported in: the report-in date is not used, so a date there is a mistake in the row.
    if (text('start_date') !== null) problems.add('start_date', 'import.error.awaiting.startDate');
  }
  const communityName = text('community');
  const communityId = communityName === null ? undefined : communities.get(communityName.toLowerCase());
  if (communityName !== null && communityId === undefined) problems.add('community', 'import.error.community.unknown', { value: communityName });
  if (communityId !== undefined) input[INTAKE.community] = String(communityId);
  const caseworkerCell = text('caseworker');
  let caseworker: StaffRow | undefined;
  if (caseworkerCell !== null && communityId !== undefined) {
    const members = staff.filter((s) => s.communities.includes(communityId));
    const matches = SLACK_USER_ID.test(caseworkerCell) ? members.filter((s) => s.slackUserId === caseworkerCell) : members.filter((s) => s.displayName === caseworkerCell);
    if (matches.length === 1) {
      caseworker = matches[0]!;
      input[INTAKE.caseworker] = caseworker.slackUserId;
    } else {
      problems.add('caseworker', matches.length === 0 ? 'import.error.caseworker.unknown' : 'import.error.caseworker.ambiguous', { value: caseworkerCell });
    }
  }
  const team: Partial<Record<TeamColumn, Member>> = {};
  for (const column of Object.keys(TEAM) as TeamColumn[]) {
    const value = text(column);
    if (value === null) continue;
    if (SLACK_USER_ID.test(value)) {
      team[column] = { userId: value, name: null };
      input[column] = value;
    } else if ([...value].length <= MAX_PERSON_NAME && nameProblem(value) === null) team[column] = { userId: null, name: value };
    else problems.add(column, 'import.error.person');
  }
  const parsed = parseIntake(input, today);
  for (const p of parsed.problems) {
    const column = p.field as ClientColumn;
    // A caseworker is looked up in the row's community: with no community, there is nothing to say of them.
    if (column === 'caseworker' && caseworkerCell !== null && communityId === undefined) continue;
    if (!problems.has(column)) problems.add(column, FILE_WORDING[p.key] ?? p.key, p.params);
  }
  if (problems.list.length > 0 || !status) return { team };
  return { values: parsed.values as IntakeValues, status, ...(caseworker ? { caseworker } : {}), team };
}

/** The status and its period's cells, each checked on its own and against the status. */
function readStatus(text: (column: ClientColumn) => string | null, problems: RowProblems<'clients'>, today: LocalDate): StatusCells | undefined {
  const date = (column: 'status_from' | 'status_until') => {
    const value = text(column);
    if (value === null) return null;
    const parsed = parseSheetDate(value);
    if (parsed === null) problems.add(column, 'import.error.date', { value });
    return parsed;
  };
  const cell = text('status');
  const status = cell === null ? 'active' : STATUSES.get(cell.toLowerCase());
  if (status === undefined) problems.add('status', 'import.error.status', { value: cell! });
  const from = date('status_from');
  if (from !== null && compareDates(from, today) > 0) problems.add('status_from', 'import.error.statusFrom.future', { today });
  const until = date('status_until');
  const receivingPlace = text('receiving_place');
  if (receivingPlace !== null && ([...receivingPlace].length > MAX_PLACE || nameProblem(receivingPlace) !== null)) {
    problems.add('receiving_place', 'import.error.receivingPlace', { max: MAX_PLACE });
  }
  const reasonCell = text('termination_reason');
  const terminationReason = reasonCell === null ? null : (TERMINATION_REASONS.get(reasonCell.toLowerCase()) ?? null);
  if (reasonCell !== null && terminationReason === null) problems.add('termination_reason', 'import.error.terminationReason', { value: reasonCell });
  if (status === undefined) return undefined;
  // A column the status does not take is a mistake in the row, not something to drop quietly.
  if (from !== null && (status === 'active' || status === 'awaiting_report_in')) problems.add('status_from', 'import.error.statusFrom.only');
  if (until !== null && !DATED.has(status)) problems.add('status_until', 'import.error.statusUntil.only');
  else if (until !== null && from !== null && compareDates(until, from) < 0) problems.add('status_until', 'import.error.statusUntil.before', { start: from });
  // The row says the status now: a leave or suspension that ended before today is over.
  else if (until !== null && compareDates(until, today) < 0) problems.add('status_until', 'import.error.statusUntil.past', { today });
  if (receivingPlace !== null && status !== 'transferred_out') problems.add('receiving_place', 'import.error.receivingPlace.only');
  if (reasonCell !== null && status !== 'terminated') problems.add('termination_reason', 'import.error.terminationReason.only');
  return { status, from, until, receivingPlace, terminationReason };
}

/**
 * The status period of a new client: from 状态起始, else the import day, never before the term
 * starts; its end only for leave and suspension (not before today, so not before the start).
 */
function periodOf(v: IntakeValues, cells: StatusCells, today: LocalDate): Period | null {
  if (cells.status === 'active' || cells.status === 'awaiting_report_in') return null;
  return {
    status: cells.status,
    startsOn: maxDate(cells.from ?? today, intakeTerm(v, today).termStart),
    endsOn: DATED.has(cells.status) ? cells.until : null,
    receivingPlace: cells.status === 'transferred_out' ? cells.receivingPlace : null,
    terminationReason: cells.status === 'terminated' ? cells.terminationReason : null,
  };
}

function teamData(team: Partial<Record<TeamColumn, Member>>): Record<string, string | null> {
  const data: Record<string, string | null> = {};
  for (const [column, member] of Object.entries(team) as [TeamColumn, Member][]) {
    const [userIdField, nameField] = TEAM[column];
    data[userIdField] = member.userId;
    data[nameField] = member.name;
  }
  return data;
}

function createOf(line: number, v: IntakeValues, period: Period | null, caseworker: StaffRow, team: Partial<Record<TeamColumn, Member>>, today: LocalDate): Change {
  const { term, data } = clientColumns(v, today);
  return {
    line,
    outcome: 'created',
    write: async (tx, actor) => {
      const client = await tx.client.create({
        data: {
          ...data,
          ...(period ? { status: period.status } : {}),
          communityId: v[INTAKE.community],
          caseworkerId: caseworker.id,
          ...teamData(team),
          createdBy: actor,
        },
      });
      if (period) {
        await tx.clientStatusPeriod.create({
          data: {
            clientId: client.id,
            status: period.status,
            previousStatus: 'active',
            startsOn: toDbDate(period.startsOn),
            endsOn: period.endsOn === null ? null : toDbDate(period.endsOn),
            reason: IMPORT_REASON,
            receivingPlace: period.receivingPlace,
            terminationReason: period.terminationReason,
            recordedById: caseworker.id,
          },
        });
      }
      // The report-in is the client's first check-in, as at intake; not reported in, there is none.
      if (term.reportedOn !== null) await tx.checkIn.create({ data: { clientId: client.id, date: toDbDate(term.reportedOn), recordedById: caseworker.id } });
      return client.id;
    },
  };
}

/** The columns of a stored client that a file may not change, with the file's values. */
function fixedDifferences(v: IntakeValues, status: StatusCells, current: Stored, today: LocalDate): ClientColumn[] {
  const term = intakeTerm(v, today);
  const differs: ClientColumn[] = [];
  const sameDate = (stored: Date | null, file: LocalDate | null | undefined) => file === undefined || file === null || (stored !== null && compareDates(fromDbDate(stored), file) === 0);
  if (current.communityId !== v[INTAKE.community]) differs.push('community');
  if (current.program !== v[INTAKE.program]) differs.push('program');
  if (!sameDate(current.reportedOn, term.reportedOn)) differs.push('start_date');
  if (!sameDate(current.termStart, term.termStart)) differs.push(v[INTAKE.originalStartDate] ? 'original_start_date' : 'start_date');
  if (current.termMonths !== term.termMonths) differs.push('term_months');
  if (!sameDate(current.decisionDate, term.decisionDate)) differs.push('decision_date');
  differs.push(...statusDifferences(status, current));
  return [...new Set(differs)];
}

/** The status columns of a row that differ from the stored status and its latest period. */
function statusDifferences(cells: StatusCells, current: Stored): ClientColumn[] {
  const stored: RosterStatus = current.awaitingReportIn ? 'awaiting_report_in' : current.status;
  if (cells.status !== stored) return ['status'];
  const period = current.statusPeriods[0];
  if (stored === 'active' || stored === 'awaiting_report_in' || !period || period.status !== stored) return [];
  const differs: ClientColumn[] = [];
  const sameDate = (date: Date | null, file: LocalDate | null) => file === null || (date !== null && compareDates(fromDbDate(date), file) === 0);
  // An empty cell says nothing; the start is compared as the import would have stored it.
  if (cells.from !== null && compareDates(maxDate(cells.from, fromDbDate(current.termStart)), fromDbDate(period.startsOn)) !== 0) differs.push('status_from');
  if (!sameDate(period.endsOn, cells.until)) differs.push('status_until');
  if (cells.receivingPlace !== null && cells.receivingPlace !== period.receivingPlace) differs.push('receiving_place');
  if (cells.terminationReason !== null && cells.terminationReason !== period.terminationReason) differs.push('termination_reason');
  return differs;
}

function updateOf(
  line: number,
  v: IntakeValues,
  status: StatusCells,
  caseworker: StaffRow,
  team: Partial<Record<TeamColumn, Member>>,
  current: Stored,
  today: LocalDate,
  problems: RowProblems<'clients'>,
): Change {
  for (const column of fixedDifferences(v, status, current, today)) problems.add(column, 'import.error.client.fixed');
  const data: Record<string, string | number | null> = {};
  if (v[INTAKE.alias] !== current.alias) Object.assign(data, { alias: v[INTAKE.alias] }, aliasPinyin(v[INTAKE.alias]));
  if (caseworker.id !== current.caseworkerId) data.caseworkerId = caseworker.id;
  for (const [field, value] of Object.entries(teamData(team))) if (current[field as keyof Stored] !== value) data[field] = value;
  if (current.erasedAt !== null && Object.keys(data).some((field) => field !== 'caseworkerId')) {
    problems.add(INTAKE.alias, 'privacy.import.erased', { alias: current.alias });
  }
  if (Object.keys(data).length === 0) return { line, outcome: 'unchanged' };
  return {
    line,
    outcome: 'updated',
    write: async (tx) => (await tx.client.update({ where: { id: current.id }, data: { ...data, version: { increment: 1 } } })).id,
  };
}
