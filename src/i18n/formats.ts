// How a catalog placeholder shows its value in each language: `{date|day}` writes a date as a
// Chinese office does in a header, a flag or a report sent upward — 12月3日（星期四） — and
// `{week|week}` a week as 2026年第49周（11月30日至12月6日）; English keeps ISO dates. Forms, lists
// inside a message and CSV files keep 2026-12-03: there the placeholder has no format. Pure.
import { dayOfWeek, isLocalDate, isoWeekRange, parseIsoWeek, type IsoWeek, type LocalDate } from '../domain/dates.js';
import type { Locale } from '../domain/types.js';

export const FORMATS = ['day', 'md', 'week', 'weekName', 'community'] as const;
export type Format = (typeof FORMATS)[number];

const WEEKDAYS_ZH = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** 12月3日 */
function monthDayZh(d: LocalDate): string {
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** 12月3日（星期四） */
function dayZh(d: LocalDate): string {
  return `${monthDayZh(d)}（${WEEKDAYS_ZH[dayOfWeek(d) - 1]}）`;
}

function weekName(locale: Locale, week: IsoWeek, key: string): string {
  return locale === 'zh-CN' ? `${week.year}年第${week.week}周` : key;
}

function weekWithRange(locale: Locale, week: IsoWeek, key: string): string {
  const { start, end } = isoWeekRange(week.year, week.week);
  return locale === 'zh-CN' ? `${weekName(locale, week, key)}（${monthDayZh(start)}至${monthDayZh(end)}）` : `${key} (${start} to ${end})`;
}

/**
 * A community as a sentence names it: in Chinese with 社区 once (梅花碑 → 梅花碑社区, and a name
 * that already ends in 社区 as it is); in English the name alone.
 */
function communityName(locale: Locale, name: string): string {
  return locale === 'zh-CN' && name !== '' && !name.endsWith('社区') ? `${name}社区` : name;
}

/**
 * `value` shown in `format` for `locale`. A value the format does not apply to (a month key
 * where a week was expected, an empty date) is shown as it is.
 */
export function formatValue(locale: Locale, format: Format, value: string): string {
  switch (format) {
    case 'day':
      return locale === 'zh-CN' && isLocalDate(value) ? dayZh(value) : value;
    case 'md':
      return locale === 'zh-CN' && isLocalDate(value) ? monthDayZh(value) : value;
    case 'week':
    case 'weekName': {
      const week = parseIsoWeek(value);
      if (!week) return value;
      return format === 'week' ? weekWithRange(locale, week, value) : weekName(locale, week, value);
    }
    case 'community':
      return communityName(locale, value);
  }
}

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}
