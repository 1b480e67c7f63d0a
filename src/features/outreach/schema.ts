// The outreach form as zod schemas, one per input and keyed by its block_id, so every problem
// lands on the input it belongs to. Shape only; whether the person may log for the community
// chosen, and the date against today, are checked in record.ts.
import { z } from 'zod';
import { isLocalDate } from '../../domain/dates.js';
import { OUTREACH_FORMATS, OUTREACH_SETTINGS } from '../../domain/types.js';
import type { MessageKey } from '../../i18n/index.js';
import { parseFields, type FormInput, type Parsed, type Values } from '../../problems.js';
import { MAX_AUDIENCE, MAX_NOTES, MAX_PARTNERS, MAX_TITLE, OUTREACH_FORM, SUBDISTRICT } from './ids.js';

// "required" when nothing was given, `key` for anything else.
const says = (key: MessageKey) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'outreach.error.required' : key),
  abort: true,
});

const optionalText = (max: number, key: MessageKey) =>
  z
    .string(says(key))
    .trim()
    .max(max, says(key))
    .nullish()
    .transform((v) => v || null);

export const outreachFields = {
  /** A community id, or null for the whole sub-district. */
  [OUTREACH_FORM.community]: z
    .string(says('outreach.error.community'))
    .regex(new RegExp(`^(${SUBDISTRICT}|[1-9]\\d{0,8})$`), says('outreach.error.community'))
    .transform((v) => (v === SUBDISTRICT ? null : Number(v))),
  [OUTREACH_FORM.setting]: z.enum(OUTREACH_SETTINGS, says('outreach.error.option')),
  [OUTREACH_FORM.date]: z.string(says('outreach.error.date')).refine(isLocalDate, says('outreach.error.date')),
  [OUTREACH_FORM.title]: z.string(says('outreach.error.title')).trim().min(1, says('outreach.error.required')).max(MAX_TITLE, says('outreach.error.title')),
  [OUTREACH_FORM.format]: z
    .array(z.enum(OUTREACH_FORMATS, says('outreach.error.option')), says('outreach.error.format'))
    .min(1, says('outreach.error.format'))
    .transform((v) => OUTREACH_FORMATS.filter((f) => v.includes(f))),
  // A whole number typed into a number input: digits only, no sign, no decimals.
  [OUTREACH_FORM.audience]: z
    .string(says('outreach.error.audience'))
    .trim()
    .regex(/^\d{1,6}$/, says('outreach.error.audience'))
    .transform(Number)
    .refine((n) => n <= MAX_AUDIENCE, says('outreach.error.audience')),
  [OUTREACH_FORM.partners]: optionalText(MAX_PARTNERS, 'outreach.error.partners'),
  [OUTREACH_FORM.notes]: optionalText(MAX_NOTES, 'outreach.error.notes'),
};

export type OutreachValues = Values<typeof outreachFields>;

const LIMITS: Partial<Record<MessageKey, Record<string, number>>> = {
  'outreach.error.title': { max: MAX_TITLE },
  'outreach.error.audience': { max: MAX_AUDIENCE },
  'outreach.error.partners': { max: MAX_PARTNERS },
  'outreach.error.notes': { max: MAX_NOTES },
};

export function parseForm(input: FormInput): Parsed<typeof outreachFields> {
  return parseFields(outreachFields, input, 'outreach.error.option', (key) => LIMITS[key]);
}
