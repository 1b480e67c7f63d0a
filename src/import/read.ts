// Bytes of an uploaded or named file -> a header and rows of text cells, each row with the line
// number a spreadsheet shows (the header is line 1). CSV comes in UTF-8 (with or without a BOM)
// or in GB18030/GBK, as Chinese Excel saves it: text that is valid UTF-8 is read as UTF-8,
// anything else as GB18030 (a superset of GBK), unless the encoding is given. XLSX: the first sheet.
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export const ENCODINGS = ['utf8', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface SheetRow {
  /** The row's number in the spreadsheet: the header is 1. */
  line: number;
  cells: string[];
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

export type ReadResult = { ok: true; sheet: Sheet } | { ok: false; reason: 'empty' | 'unreadable' };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isXlsx(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030 unless told. */
export function decodeText(bytes: Uint8Array, encoding?: Encoding): string {
  const chosen = encoding ?? (isUtf8(bytes) ? 'utf8' : 'gb18030');
  const text = chosen === 'utf8' ? Buffer.from(bytes).toString('utf8') : iconv.decode(Buffer.from(bytes), 'gb18030');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** Header and rows; blank rows are skipped but still counted in the line numbers. */
function sheetOf(lines: { line: number; cells: string[] }[]): ReadResult {
  const first = lines.findIndex((l) => !isBlank(l.cells));
  if (first < 0) return { ok: false, reason: 'empty' };
  const header = lines[first]!.cells.map((c) => c.trim());
  const rows = lines.slice(first + 1).filter((l) => !isBlank(l.cells));
  return { ok: true, sheet: { header, rows } };
}

function readCsv(text: string): ReadResult {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  // Excel numbers a CSV's rows by record, a quoted cell with line breaks staying one row.
  return sheetOf(records.map((cells, i) => ({ line: i + 1, cells })));
}

/** A cell as text; a date cell as YYYY-MM-DD (Excel stores the calendar day at UTC midnight). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  // Loaded when a spreadsheet arrives: ~13 MB that a bot serving requests need not hold.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, reason: 'empty' };
  const lines: { line: number; cells: string[] }[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let col = 1; col <= width; col += 1) cells.push(cellText(row.getCell(col).value));
    lines.push({ line, cells });
  });
  return sheetOf(lines);
}

export function readSheet(bytes: Uint8Array, encoding?: Encoding): Promise<ReadResult> {
  return isXlsx(bytes) ? readXlsx(bytes) : Promise.resolve(readCsv(decodeText(bytes, encoding)));
}
