// What importing a file would change, row by row, without writing anything: every refused row
// with its line, column and reason, and for every valid row whether it creates, updates or
// leaves unchanged a record (with the write to make). apply.ts runs the writes, or not.
import type { Db } from '../db/audit.js';
import type { LocalDate } from '../domain/dates.js';
import type { MessageKey, Params } from '../i18n/index.js';
import { planClients } from './clients.js';
import { planCommunities } from './communities.js';
import { cellsOf, labelOf, mapHeader, type Column, type HeaderMap, type Kind } from './headers.js';
import type { Sheet } from './read.js';
import type { Change, KindPlan, Row } from './rows.js';
import { planStaff } from './staff.js';

export interface RowProblem {
  /** The spreadsheet's line (the header is 1). */
  line: number;
  /** The column as the file names it; empty for a problem of the whole file. */
  column: string;
  key: MessageKey;
  params?: Params;
}

export interface Plan {
  kind: Kind;
  problems: RowProblem[];
  changes: Change[];
  /** Headers that name no column, as the file writes them: not read, named in the report. */
  ignored: string[];
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export function countChanges(changes: Change[]): Counts {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  for (const change of changes) counts[change.outcome] += 1;
  return counts;
}

export async function planImport(db: Db, kind: Kind, sheet: Sheet, today: LocalDate): Promise<Plan> {
  const map = mapHeader(kind, sheet.header);
  const { ignored } = map;
  if (map.problems.length > 0) {
    const problems: RowProblem[] = map.problems.map((p) =>
      p.kind === 'missing' ? { line: 1, column: p.column, key: 'import.error.header.missing' } : { line: 1, column: p.header, key: 'import.error.header.duplicate' },
    );
    return { kind, problems, changes: [], ignored };
  }
  const planned = await planKind(db, kind, map, sheet, today);
  const problems = planned.problems
    .map((p) => ({ ...p, column: labelOf(kind, map as HeaderMap<Kind>, p.column as Column<Kind>) }))
    .sort((a, b) => a.line - b.line);
  return { kind, problems, changes: planned.changes, ignored };
}

function planKind(db: Db, kind: Kind, map: HeaderMap<Kind>, sheet: Sheet, today: LocalDate): Promise<KindPlan<Kind>> {
  const rows = sheet.rows.map((r) => ({ line: r.line, cells: cellsOf(map, r.cells) }));
  switch (kind) {
    case 'communities':
      return planCommunities(db, rows as Row<'communities'>[]) as Promise<KindPlan<Kind>>;
    case 'staff':
      return planStaff(db, rows as Row<'staff'>[]) as Promise<KindPlan<Kind>>;
    case 'clients':
      return planClients(db, rows as Row<'clients'>[], today) as Promise<KindPlan<Kind>>;
  }
}
