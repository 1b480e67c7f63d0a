// Reading weekly questions put to the bot by mention, and the periods of `/caseload week` and
// `/caseload export`, in Chinese and English. Pure: tables of cases.
import { describe, expect, it } from 'vitest';
import { parseMention } from '../../src/features/reports/mention.js';
import { monthPeriod, parseMonthWord, parseWeekWord, weekPeriod } from '../../src/features/reports/period.js';
import { parseExportArgs, parseWeekArgs } from '../../src/features/reports/slack/handlers.js';

const THIS = { kind: 'this' };
const LAST = { kind: 'last' };
const W05 = { kind: 'week', week: { year: 2026, week: 5 } };

describe('parseMention', () => {
  it.each([
    ['<@UBOT> 本周统计', { week: THIS }],
    ['<@UBOT> 本周', { week: THIS }],
    ['<@UBOT> 统计', { week: THIS }],
    ['<@UBOT> 这周情况怎么样？', { week: THIS }],
    ['<@UBOT> 上周 梅花碑', { week: LAST, community: '梅花碑' }],
    ['<@UBOT> 上周梅花碑社区的统计', { week: LAST, community: '梅花碑社区' }],
    ['<@UBOT> 请给我看看上周梅花碑的数据', { week: LAST, community: '梅花碑' }],
    ['<@UBOT>上周统计：大学路', { week: LAST, community: '大学路' }],
    ['<@UBOT> 2026-W05 周报', { week: W05 }],
    ['<@UBOT> 统计 2026w5 老浙大', { week: W05, community: '老浙大' }],
    ['<@UBOT> weekly counts last week', { week: LAST }],
    ['<@UBOT> Weekly counts', { week: THIS }],
    ['<@UBOT> counts this week for Old Zheda', { week: THIS, community: 'Old Zheda' }],
    ['<@UBOT> please show me the weekly report of Daxuelu', { week: THIS, community: 'Daxuelu' }],
    ['<@UBOT> week 2026-W05', { week: W05 }],
    ['<@UBOT> last week Meihuabei', { week: LAST, community: 'Meihuabei' }],
    ['<@UBOT> stats, previous week', { week: LAST }],
    ['<@UBOT> <@U0OTHER> 上周统计', { week: LAST }],
  ])('%s', (text, expected) => {
    expect(parseMention(text)).toEqual(expected);
  });

  it.each([
    ['<@UBOT>'],
    ['<@UBOT> 你好'],
    ['<@UBOT> hello there'],
    ['<@UBOT> lastly, thanks'],
    ['<@UBOT> week 2026-W60'],
    ['<@UBOT> 本周 上周'],
    ['<@UBOT> this week 2026-W05'],
    ['<@UBOT> 2026-W05 2026-W06'],
  ])('cannot read %s', (text) => {
    expect(parseMention(text)).toBeNull();
  });
});

describe('periods', () => {
  it('reads week and month words', () => {
    expect(parseWeekWord('THIS')).toEqual(THIS);
    expect(parseWeekWord('上周')).toEqual(LAST);
    expect(parseWeekWord('2026-W05')).toEqual(W05);
    expect(parseWeekWord('2025-W53')).toBe('invalid'); // 2025 has 52 ISO weeks
    expect(parseWeekWord('2020-W53')).toEqual({ kind: 'week', week: { year: 2020, week: 53 } });
    expect(parseWeekWord('梅花碑')).toBeUndefined();
    expect(parseMonthWord('2026-03')).toEqual({ kind: 'month', month: '2026-03' });
    expect(parseMonthWord('2026-13')).toBe('invalid');
    expect(parseMonthWord('上月')).toEqual(LAST);
  });

  it('counts a running week up to today and compares it with the same days a week earlier', () => {
    // Wednesday 2026-04-01: ISO week 14 runs Monday 2026-03-30 to Sunday 2026-04-05, across a month end.
    expect(weekPeriod(THIS as never, '2026-04-01')).toEqual({
      unit: 'week', key: '2026-W14', range: { start: '2026-03-30', end: '2026-04-05' },
      counted: { start: '2026-03-30', end: '2026-04-01' }, previous: { start: '2026-03-23', end: '2026-03-25' }, toDate: true,
    });
    expect(weekPeriod(LAST as never, '2026-04-01')).toMatchObject({
      key: '2026-W13', counted: { start: '2026-03-23', end: '2026-03-29' }, previous: { start: '2026-03-16', end: '2026-03-22' }, toDate: false,
    });
    // The first week of 2027 starts in 2026; a week that has not started is refused.
    expect(weekPeriod({ kind: 'week', week: { year: 2027, week: 1 } }, '2027-01-06')).toMatchObject({ range: { start: '2027-01-04', end: '2027-01-10' } });
    expect(weekPeriod({ kind: 'week', week: { year: 2026, week: 20 } }, '2026-04-01')).toBeNull();
  });

  it('counts a month up to today; a whole month compares with the whole month before', () => {
    expect(monthPeriod(THIS as never, '2026-03-31')).toMatchObject({
      key: '2026-03', counted: { start: '2026-03-01', end: '2026-03-31' }, previous: { start: '2026-02-01', end: '2026-02-28' }, toDate: false,
    });
    expect(monthPeriod(THIS as never, '2026-03-30')).toMatchObject({ previous: { start: '2026-02-01', end: '2026-02-28' }, toDate: true });
    expect(monthPeriod(LAST as never, '2026-01-15')).toMatchObject({ key: '2025-12', counted: { start: '2025-12-01', end: '2025-12-31' } });
    expect(monthPeriod({ kind: 'month', month: '2026-05' }, '2026-04-30')).toBeNull();
  });

  it('reads the words of /caseload week and /caseload export', () => {
    expect(parseWeekArgs([])).toEqual({ week: THIS });
    expect(parseWeekArgs(['last', '梅花碑'])).toEqual({ week: LAST, community: '梅花碑' });
    expect(parseWeekArgs(['上周', '梅花碑'])).toEqual({ week: LAST, community: '梅花碑' });
    expect(parseWeekArgs(['本周'])).toEqual({ week: THIS });
    expect(parseWeekArgs(['last', 'week', 'Meihuabei'])).toEqual({ week: LAST, community: 'Meihuabei' });
    expect(parseWeekArgs(['This', 'Week'])).toEqual({ week: THIS });
    expect(parseWeekArgs(['Old', 'Zheda'])).toEqual({ week: THIS, community: 'Old Zheda' });
    expect(parseWeekArgs(['2026-W05'])).toEqual({ week: W05 });
    expect(parseWeekArgs(['2026-W99', '梅花碑'])).toBeNull();

    expect(parseExportArgs([])).toBeNull();
    expect(parseExportArgs(['year'])).toBeNull();
    expect(parseExportArgs(['month', '2026-13'])).toBeNull();
    const week = parseExportArgs(['week', 'last', '大学路'])!;
    expect(week).toMatchObject({ unit: 'week', community: '大学路' });
    expect(week.period('2026-04-01')?.key).toBe('2026-W13');
    const month = parseExportArgs(['month', '2026-03'])!;
    expect(month.community).toBeUndefined();
    expect(month.period('2026-04-01')?.counted).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(parseExportArgs(['month', '梅花碑'])!.period('2026-04-01')?.key).toBe('2026-04');
  });
});
