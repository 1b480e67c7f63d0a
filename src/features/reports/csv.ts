// CSV as Excel on a Chinese Windows opens it: UTF-8 with a byte-order mark, CRLF line ends,
// fields quoted when they hold a comma, quote or line break. Text typed by people (aliases,
// community names) that starts like a formula is prefixed with ' so a spreadsheet shows it
// rather than runs it. Pure.
export const BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
