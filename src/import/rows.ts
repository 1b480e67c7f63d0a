// The pieces every kind's planner shares: a row by column, its problems (one per column), the
// change a valid row makes, and the zod rules for names and Slack ids in a cell.
import { z } from 'zod';
import type { Db } from '../db/audit.js';
import { nameProblem } from '../domain/names.js';
import type { MessageKey, Params } from '../i18n/index.js';
import type { Cells, Column, Kind } from './headers.js';

export type Outcome = 'created' | 'updated' | 'unchanged';

/** One valid row: what it does, and the write that does it (none when unchanged). */
export interface Change {
  line: number;
  outcome: Outcome;
  /**
   * `actor`: who the import runs as (Slack user id or `cli:<user>`), for createdBy columns. A
   * client row returns the client's id: the audit row names the clients an import wrote, so
   * each client's access log lists it.
   */
  write?: (tx: Db, actor: string) => Promise<number | void>;
}

/** One row as the kind's planner reads it. */
export interface Row<K extends Kind> {
  line: number;
  cells: Cells<K>;
}

/** A planner's problem: by column key, turned into the file's own label by planImport. */
export interface ColumnProblem<K extends Kind> {
  line: number;
  column: Column<K>;
  key: MessageKey;
  params?: Params;
}

export interface KindPlan<K extends Kind> {
  problems: ColumnProblem<K>[];
  changes: Change[];
}

/** Collects a row's problems, one per column (the first found is the one that matters). */
export class RowProblems<K extends Kind> {
  readonly list: ColumnProblem<K>[] = [];
  constructor(readonly line: number) {}
  has(column: Column<K>): boolean {
    return this.list.some((p) => p.column === column);
  }
  add(column: Column<K>, key: MessageKey, params?: Params): void {
    if (!this.has(column)) this.list.push({ line: this.line, column, key, ...(params ? { params } : {}) });
  }
}

/** A name shown in Slack (community, person): one line of visible text, at most `max` characters. */
export const nameCell = (max: number, key: MessageKey) =>
  z
    .string(key)
    .refine((v) => [...v].length >= 1 && [...v].length <= max, key)
    .refine((v) => nameProblem(v) === null, key);

export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
export const MAX_PERSON_NAME = 40;

/** Cells as parseFields reads them: an empty cell is no value. */
export function inputOf<K extends Kind>(cells: Cells<K>): Record<string, string | undefined> {
  const input: Record<string, string | undefined> = {};
  for (const [column, value] of Object.entries(cells) as [string, string | undefined][]) input[column] = value === '' ? undefined : value;
  return input;
}
