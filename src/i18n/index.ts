// The message catalog: every string the bot shows comes from here, in zh-CN (default) or en.
// Features keep their strings in catalog/<feature>.ts; this file merges them.
import type { Locale } from '../domain/types.js';
import * as absences from './catalog/absences.js';
import * as admin from './catalog/admin.js';
import * as clients from './catalog/clients.js';
import * as common from './catalog/common.js';
import * as corrections from './catalog/corrections.js';
import * as due from './catalog/due.js';
import * as flags from './catalog/flags.js';
import * as importing from './catalog/import.js';
import * as imports from './catalog/imports.js';
import * as lifecycle from './catalog/lifecycle.js';
import * as outreach from './catalog/outreach.js';
import * as privacy from './catalog/privacy.js';
import * as reports from './catalog/reports.js';
import * as status from './catalog/status.js';
import * as visits from './catalog/visits.js';
import { formatValue, isFormat } from './formats.js';
import { template, type Message } from './plural.js';

export type { Locale };
export { forms, type Message, type Plural } from './plural.js';

const catalogs = [common, admin, clients, visits, due, flags, status, reports, lifecycle, corrections, absences, importing, imports, privacy, outreach] as const;

type Zh<C> = C extends { zh: infer Z } ? keyof Z : never;
export type MessageKey = Zh<(typeof catalogs)[number]>;
export type Params = Record<string, string | number>;

export const messages: Record<Locale, Record<MessageKey, Message>> = {
  'zh-CN': Object.assign({}, ...catalogs.map((c) => c.zh)) as Record<MessageKey, Message>,
  en: Object.assign({}, ...catalogs.map((c) => c.en)) as Record<MessageKey, Message>,
};

/** A placeholder: `{name}`, or `{name|format}` for a value shown as the language writes it (formats.ts). */
export const PLACEHOLDER = /\{(\w+)(?:\|(\w+))?\}/g;

/**
 * The text of `key` in `locale`: its form for `params.count` if it has several, placeholders
 * filled from `params` (those with a format through formats.ts).
 */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const message = messages[locale][key] ?? messages['zh-CN'][key] ?? key;
  return template(locale, message, params.count).replace(PLACEHOLDER, (whole, name: string, format: string | undefined) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return format !== undefined && isFormat(format) ? formatValue(locale, format, value) : value;
  });
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Maps a Slack locale ("zh-CN", "zh-TW", "en-US", "en-GB"…) to one we speak, if any. */
export function fromSlackLocale(slackLocale: string | undefined): Locale | undefined {
  if (!slackLocale) return undefined;
  if (slackLocale.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (slackLocale.toLowerCase().startsWith('en')) return 'en';
  return undefined;
}

/** A change as reports show it: +3, -2, ±0. */
export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : delta < 0 ? `-${-delta}` : '±0';
}
