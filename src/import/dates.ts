// Dates as people type them in spreadsheets: 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日.
// Excel date cells arrive already as dates (read.ts). Pure.
import { isLocalDate, type LocalDate } from '../domain/dates.js';

const NUMERIC = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;

/** The calendar date written in `text`, or null when it is not one (31 February included). */
export function parseSheetDate(text: string): LocalDate | null {
  const trimmed = text.trim();
  const match = NUMERIC.exec(trimmed) ?? CHINESE.exec(trimmed);
  if (!match) return null;
  const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}
