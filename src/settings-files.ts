// Reads the optional SCHEDULE_RULES_FILE (JSON or YAML, by extension) that overrides the
// default schedule rules in src/domain/rules.ts.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DEFAULT_RULES, parseRules, type ScheduleRules } from './domain/rules.js';

export type RulesResult = { ok: true; rules: ScheduleRules } | { ok: false; problems: string[] };

export async function loadScheduleRules(path: string | undefined): Promise<RulesResult> {
  if (!path) return { ok: true, rules: DEFAULT_RULES };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`SCHEDULE_RULES_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`] };
  }
  const format = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  const parsed = parseRules(text, format);
  return parsed.ok ? parsed : { ok: false, problems: parsed.problems.map((p) => `SCHEDULE_RULES_FILE ${path}: ${p}`) };
}
