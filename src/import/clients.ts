// Rows of a clients file, checked by the intake's own rules (features/clients/schema.ts
// parseIntake) and created the way the intake creates them: the term from the (original)
// report-in, the report-in as the first check-in, the history before it as prior dates, and
// followed from today when the report-in is earlier — no invented history, no flags for the past.
// A client already on file (same case number, ignoring case) gets its alias, caseworker and
// support team updated; anything about its term or status is changed in Slack, not by a file.
import type { Db } from '../db/audit.js';
import { fromDbDate, toDbDate } from '../db/dates.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { nameProblem } from '../domain/names.js';
import type { Program } from '../domain/types.js';
import { INTAKE } from '../features/clients/ids.js';
import { aliasPinyin } from '../features/clients/pinyin.js';
import { clientColumns, intakeTerm } from '../features/clients/record.js';
import { parseIntake, type IntakeInput, type IntakeValues } from '../features/clients/schema.js';
import type { MessageKey } from '../i18n/index.js';
import type { Column } from './headers.js';
import { parseSheetDate } from './dates.js';
import { MAX_PERSON_NAME, RowProblems, SLACK_USER_ID, type Change, type KindPlan, type Row } from './rows.js';

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
const ACTIVE = new Set(['在册', 'active']);

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

interface Stored {
  id: number;
  caseNumber: string;
  alias: string;
  communityId: number;
  program: Program;
  status: string;
  termStart: Date;
  reportedOn: Date | null;
  decisionDate: Date | null;
  termMonths: number;
  caseworkerId: number;
  policeUserId: string | null;
  policeName: string | null;
  gridWorkerUserId: string | null;
  gridWorkerName: string | null;
  volunteerUserId: string | null;
  volunteerName: string | null;
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
    (await db.client.findMany({ where: { caseNumberKey: { in: keys } } })).map((c) => [c.caseNumber.toUpperCase(), c as Stored]),
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
    if (problems.list.length > 0 || !read.values || !read.caseworker) {
      plan.problems.push(...problems.list);
      continue;
    }
    const current = stored.get(caseKey!);
    const change = current ? updateOf(row.line, read.values, read.caseworker, read.team, current, today, problems) : createOf(row.line, read.values, read.caseworker, read.team, today);
    if (problems.list.length > 0) plan.problems.push(...problems.list);
    else plan.changes.push(change);
  }
  return plan;
}

interface ReadRow {
  /** Every input parsed (undefined when any has a problem). */
  values?: IntakeValues;
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
  const status = text('status');
  if (status !== null && !ACTIVE.has(status.toLowerCase())) problems.add('status', 'import.error.status', { value: status });
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
  if (problems.list.length > 0) return { team };
  return { values: parsed.values as IntakeValues, ...(caseworker ? { caseworker } : {}), team };
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

function createOf(line: number, v: IntakeValues, caseworker: StaffRow, team: Partial<Record<TeamColumn, Member>>, today: LocalDate): Change {
  const { term, data } = clientColumns(v, today);
  return {
    line,
    outcome: 'created',
    write: async (tx, actor) => {
      const client = await tx.client.create({
        data: {
          ...data,
          communityId: v[INTAKE.community],
          caseworkerId: caseworker.id,
          ...teamData(team),
          createdBy: actor,
        },
      });
      // The report-in is the client's first check-in, as at intake.
      await tx.checkIn.create({ data: { clientId: client.id, date: toDbDate(term.reportedOn!), recordedById: caseworker.id } });
    },
  };
}

/** The columns of a stored client that a file may not change, with the file's values. */
function fixedDifferences(v: IntakeValues, current: Stored, today: LocalDate): ClientColumn[] {
  const term = intakeTerm(v, today);
  const differs: ClientColumn[] = [];
  const sameDate = (stored: Date | null, file: LocalDate | null | undefined) => file === undefined || file === null || (stored !== null && compareDates(fromDbDate(stored), file) === 0);
  if (current.communityId !== v[INTAKE.community]) differs.push('community');
  if (current.program !== v[INTAKE.program]) differs.push('program');
  if (!sameDate(current.reportedOn, term.reportedOn)) differs.push('start_date');
  if (!sameDate(current.termStart, term.termStart)) differs.push(v[INTAKE.originalStartDate] ? 'original_start_date' : 'start_date');
  if (current.termMonths !== term.termMonths) differs.push('term_months');
  if (!sameDate(current.decisionDate, term.decisionDate)) differs.push('decision_date');
  if (current.status !== 'active') differs.push('status');
  return [...new Set(differs)];
}

function updateOf(
  line: number,
  v: IntakeValues,
  caseworker: StaffRow,
  team: Partial<Record<TeamColumn, Member>>,
  current: Stored,
  today: LocalDate,
  problems: RowProblems<'clients'>,
): Change {
  for (const column of fixedDifferences(v, current, today)) problems.add(column, 'import.error.client.fixed');
  const data: Record<string, string | number | null> = {};
  if (v[INTAKE.alias] !== current.alias) Object.assign(data, { alias: v[INTAKE.alias] }, aliasPinyin(v[INTAKE.alias]));
  if (caseworker.id !== current.caseworkerId) data.caseworkerId = caseworker.id;
  for (const [field, value] of Object.entries(teamData(team))) if (current[field as keyof Stored] !== value) data[field] = value;
  if (Object.keys(data).length === 0) return { line, outcome: 'unchanged' };
  return {
    line,
    outcome: 'updated',
    write: async (tx) => void (await tx.client.update({ where: { id: current.id }, data: { ...data, version: { increment: 1 } } })),
  };
}
