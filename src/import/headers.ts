// The columns each kind of file may have, by the names people give them in Chinese or English
// (compared trimmed and ignoring case); the first name is the one an export writes, the form's
// label. Any other column (序号, 身份证号, 备注, …) is ignored and named in the report: real
// rosters carry them, and notes never enter the bot by a file. Pure.

export const KINDS = ['communities', 'staff', 'clients'] as const;
export type Kind = (typeof KINDS)[number];

interface ColumnSpec {
  aliases: readonly string[];
  required?: boolean;
}

export const COLUMNS = {
  communities: {
    name: { aliases: ['名称', '社区', '社区名称', 'name'], required: true },
    code: { aliases: ['代码', 'code'] },
    channel_id: { aliases: ['频道ID', '频道', 'channel_id'] },
  },
  staff: {
    slack_user_id: { aliases: ['Slack用户ID', '用户ID', 'slack_user_id'], required: true },
    name: { aliases: ['姓名', 'name'], required: true },
    community: { aliases: ['社区', 'community'], required: true },
    role: { aliases: ['角色', 'role'] },
  },
  clients: {
    case_number: { aliases: ['档案编号', '档案号', '案件编号', 'case_number'], required: true },
    alias: { aliases: ['化名', 'alias'], required: true },
    community: { aliases: ['社区', '社区名称', 'community'], required: true },
    program: { aliases: ['类别', 'program'], required: true },
    // Required as a column; empty on a row not reported in yet (未报到).
    start_date: { aliases: ['报到日期', '报到时间', 'start_date'], required: true },
    original_start_date: { aliases: ['首次报到日', '首次报到日期', '原报到日期', 'original_start_date'] },
    term_months: { aliases: ['期限（月）', '期限(月)', '期限', 'term_months'] },
    status: { aliases: ['状态', 'status'] },
    status_from: { aliases: ['状态起始', 'status_from'] },
    status_until: { aliases: ['状态截止', '请假至', 'status_until'] },
    receiving_place: { aliases: ['接收地', 'receiving_place'] },
    termination_reason: { aliases: ['终止原因', 'termination_reason'] },
    caseworker: { aliases: ['禁毒专干', '专干', '专干姓名', 'caseworker'], required: true },
    decision_date: { aliases: ['决定日期', 'decision_date'] },
    last_visit: { aliases: ['最近走访', '最近走访日期', 'last_visit'] },
    last_checkin: { aliases: ['最近报到', '最近报到日期', 'last_checkin'] },
    last_test: { aliases: ['最近尿检', '最近尿检日期', 'last_test'] },
    police: { aliases: ['社区民警', '民警', 'police'] },
    grid_worker: { aliases: ['网格员', 'grid_worker'] },
    volunteer: { aliases: ['禁毒志愿者', '志愿者', 'volunteer'] },
  },
} as const satisfies Record<Kind, Record<string, ColumnSpec>>;

export type Column<K extends Kind> = keyof (typeof COLUMNS)[K] & string;

/** One row's cells by column; a column the file lacks is absent. */
export type Cells<K extends Kind> = Partial<Record<Column<K>, string>>;

export type HeaderProblem =
  | { kind: 'duplicate'; header: string }
  | { kind: 'missing'; column: string };

export interface HeaderMap<K extends Kind> {
  /** The column of each position of the header (undefined: a column left empty). */
  columns: (Column<K> | undefined)[];
  /** How the file itself names each column, for the report. */
  labels: Partial<Record<Column<K>, string>>;
  problems: HeaderProblem[];
  /** The file's headers that name no column, as written: their cells are not read. */
  ignored: string[];
}

const normal = (s: string) => s.trim().toLowerCase();

export function mapHeader<K extends Kind>(kind: K, header: string[]): HeaderMap<K> {
  const specs = COLUMNS[kind] as Record<string, ColumnSpec>;
  const byAlias = new Map<string, Column<K>>();
  for (const [column, spec] of Object.entries(specs)) for (const alias of spec.aliases) byAlias.set(normal(alias), column as Column<K>);
  const labels: Partial<Record<Column<K>, string>> = {};
  const problems: HeaderProblem[] = [];
  const ignored: string[] = [];
  const columns = header.map((text) => {
    if (text.trim() === '') return undefined;
    const column = byAlias.get(normal(text));
    if (!column) ignored.push(text.trim());
    else if (labels[column] !== undefined) problems.push({ kind: 'duplicate', header: text });
    else {
      labels[column] = text.trim();
      return column;
    }
    return undefined;
  });
  for (const [column, spec] of Object.entries(specs)) {
    if (spec.required && labels[column as Column<K>] === undefined) problems.push({ kind: 'missing', column: spec.aliases[0]! });
  }
  return { columns, labels, problems, ignored };
}

/** A row's cells by column, trimmed. */
export function cellsOf<K extends Kind>(map: HeaderMap<K>, cells: string[]): Cells<K> {
  const out: Cells<K> = {};
  map.columns.forEach((column, i) => {
    if (column) out[column] = (cells[i] ?? '').trim();
  });
  return out;
}

/** The label of `column` for the report: the file's own header, else its first alias. */
export function labelOf<K extends Kind>(kind: K, map: HeaderMap<K>, column: Column<K>): string {
  return map.labels[column] ?? (COLUMNS[kind] as Record<string, ColumnSpec>)[column]!.aliases[0]!;
}
