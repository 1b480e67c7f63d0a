// Whether a schedule's time has already come (today, this week): the catch-ups ask this at start
// and every 15 minutes. A parser that can look backwards (cron-parser) answers it in a few steps.
// node-cron runs the schedules, so its reading of an expression is the one that counts: the
// expression goes through node-cron's parser first (names, nicknames, wrap-around ranges, 7 for
// Sunday, `?`) and is handed on as plain lists. node-cron also needs a restricted day of month
// AND a restricted day of week to match where standard cron takes either; that rule is kept here.
import { CronExpressionParser, type CronDate, type CronExpression } from 'cron-parser';
import { parse, validate, type ParsedFields } from 'node-cron';

type Field = keyof ParsedFields;
const ORDER: Field[] = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'];
/** How many values make a field "every": written as `*`, so cron-parser sees an unrestricted day field. */
const EVERY: Record<Field, number> = { second: 60, minute: 60, hour: 24, dayOfMonth: 31, month: 12, dayOfWeek: 7 };

const isEvery = (fields: ParsedFields, field: Field) =>
  fields[field].every((v) => typeof v === 'number') && new Set(fields[field]).size === EVERY[field];

/** `fields` in cron-parser's syntax (six fields), with `unrestrict`ed ones written as `*`. */
function render(fields: ParsedFields, unrestrict: Field[] = []): string {
  return ORDER.map((f) => (unrestrict.includes(f) || isEvery(fields, f) ? '*' : fields[f].join(','))).join(' ');
}

interface Reading {
  /** The schedule as cron-parser reads it: on days matching either day field. */
  either: string;
  /** When both day fields are restricted: each alone, to keep only days matching both. */
  both?: [string, string];
}

function read(expression: string): Reading {
  const fields = parse(expression);
  const either = render(fields);
  if (isEvery(fields, 'dayOfMonth') || isEvery(fields, 'dayOfWeek')) return { either };
  return { either, both: [render(fields, ['dayOfWeek']), render(fields, ['dayOfMonth'])] };
}

/** A node-cron expression this module can also look back over (node-cron's `W` and `L-n` days it cannot). */
export function isSchedule(expression: string): boolean {
  if (!validate(expression)) return false;
  try {
    const { either, both = [] } = read(expression);
    for (const e of [either, ...both]) CronExpressionParser.parse(e);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `expression` (in `timeZone`) named a time at or before `now` — the current second
 * included — that `inWindow` accepts. Looks back only while `inWindow` holds, so the window
 * must end at `now` and hold for every time after its start (today, this week).
 */
export function firedWithin(expression: string, now: Date, timeZone: string, inWindow: (at: Date) => boolean): boolean {
  const { either, both } = read(expression);
  // prev() never returns its start; schedules fall on whole seconds, so start one after now's.
  const currentDate = Math.floor(now.getTime() / 1000) * 1000 + 1000;
  const schedule = CronExpressionParser.parse(either, { currentDate, tz: timeZone });
  const days = both?.map((e) => CronExpressionParser.parse(e, { tz: timeZone }));
  for (let at = schedule.prev(); inWindow(at.toDate()); at = before(schedule, at)) {
    if (days === undefined || days.every((d) => d.includesDate(at))) return true;
  }
  return false;
}

/** The latest time before the day of `at` (whose day matched only one day field). */
function before(schedule: CronExpression, at: CronDate): CronDate {
  at.setStartOfDay();
  schedule.reset(at);
  return schedule.prev();
}
