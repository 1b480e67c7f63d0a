// Optional files named in the configuration, read once at start: SCHEDULE_RULES_FILE overrides
// the schedule rules (src/domain/rules.ts), HOLIDAYS_FILE adds holidays and make-up workdays
// for years the bundled calendar does not cover. JSON or YAML, by extension.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DEFAULT_RULES, parseRules, type ScheduleRules } from './domain/rules.js';
import { parseCalendarOverrides, type CalendarOverrides } from './domain/working-days.js';

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: string[] };
type Parser<T> = (text: string, format: 'json' | 'yaml') => Loaded<T>;

async function loadFile<T>(variable: string, path: string | undefined, fallback: T, parse: Parser<T>): Promise<Loaded<T>> {
  if (!path) return { ok: true, value: fallback };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const parsed = parse(text, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml');
  return parsed.ok ? parsed : { ok: false, problems: parsed.problems.map((p) => `${variable} ${path}: ${p}`) };
}

export function loadScheduleRules(path: string | undefined): Promise<Loaded<ScheduleRules>> {
  return loadFile('SCHEDULE_RULES_FILE', path, DEFAULT_RULES, (text, format) => {
    const parsed = parseRules(text, format);
    return parsed.ok ? { ok: true, value: parsed.rules } : parsed;
  });
}

export function loadCalendarOverrides(path: string | undefined): Promise<Loaded<CalendarOverrides>> {
  return loadFile('HOLIDAYS_FILE', path, { holidays: [], workdays: [] }, (text, format) => {
    const parsed = parseCalendarOverrides(text, format);
    return parsed.ok ? { ok: true, value: parsed.overrides } : parsed;
  });
}
