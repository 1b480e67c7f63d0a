// The database spells zh-CN as the enum value zh_CN.
import type { Locale } from '../../domain/types.js';

type DbLocale = 'zh_CN' | 'en';

export function toDbLocale(locale: Locale): DbLocale {
  return locale === 'zh-CN' ? 'zh_CN' : 'en';
}

export function fromDbLocale(locale: DbLocale | null): Locale | undefined {
  if (locale === null) return undefined;
  return locale === 'zh_CN' ? 'zh-CN' : 'en';
}
