// Prisma maps `@db.Date` columns to JS Dates at UTC midnight; the domain speaks LocalDate
// strings. These two functions are the only crossing point.
import type { LocalDate } from '../domain/dates.js';

export function toDbDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromDbDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

/** A stored status row with its dates as LocalDate strings. */
export function fromDbStatusRow<S>(row: { status: S; startsOn: Date; endsOn: Date | null }): { status: S; startsOn: LocalDate; endsOn: LocalDate | null } {
  return { status: row.status, startsOn: fromDbDate(row.startsOn), endsOn: row.endsOn ? fromDbDate(row.endsOn) : null };
}
