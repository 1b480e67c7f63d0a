import { describe, expect, it } from 'vitest';
import { parseCalendarOverrides, workingCalendar } from '../../src/domain/working-days.js';

// The due list is posted on working days of the official calendar. The pinned `chinese-days`
// ships the State Council's calendar up to 2026; 2027 is not published in it yet.
describe('the official working calendar', () => {
  const calendar = workingCalendar();

  it('knows the years the package ships, and no later one', () => {
    expect(calendar.packageLastYear).toBe(2026);
    expect(calendar.covers(2005)).toBe(true);
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
  });

  it.each([
    ['2026-12-03', true, 'a plain Thursday'],
    ['2026-12-05', false, 'a Saturday'],
    ['2026-12-06', false, 'a Sunday'],
    ['2026-10-01', false, 'National Day, a Thursday'],
    ['2026-01-01', false, "New Year's Day"],
    ['2026-10-10', true, 'a make-up working Saturday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('falls back to Monday–Friday past the package', () => {
    expect(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map((d) => calendar.isWorkingDay(d))).toEqual([true, false, false, true]);
  });
});

describe('the HOLIDAYS_FILE overrides', () => {
  const calendar = workingCalendar({ holidays: ['2027-02-08', '2026-12-07'], workdays: ['2027-02-20', '2026-12-05'] });

  it('turn days off and on, before and past the package', () => {
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false); // a Monday off
    expect(calendar.isWorkingDay('2027-02-20')).toBe(true); // a Saturday worked
    expect(calendar.isWorkingDay('2026-12-07')).toBe(false); // a Monday the package counts as working
    expect(calendar.isWorkingDay('2026-12-05')).toBe(true); // a Saturday the package counts as off
    expect(calendar.isWorkingDay('2027-02-09')).toBe(true); // untouched days keep Monday–Friday
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // and the package's holidays
  });

  it('cover the years they name, and only those', () => {
    expect(calendar.covers(2027)).toBe(true);
    expect(calendar.covers(2028)).toBe(false);
    expect(workingCalendar({ holidays: [], workdays: ['2028-01-02'] }).covers(2028)).toBe(true);
  });
});

describe('reading a HOLIDAYS_FILE', () => {
  it('reads YAML and JSON; a missing list is empty', () => {
    expect(parseCalendarOverrides('holidays:\n  - 2027-02-08\nworkdays:\n  - 2027-02-20\n', 'yaml')).toEqual({
      ok: true,
      overrides: { holidays: ['2027-02-08'], workdays: ['2027-02-20'] },
    });
    expect(parseCalendarOverrides('{"holidays": ["2027-02-08"]}', 'json')).toEqual({ ok: true, overrides: { holidays: ['2027-02-08'], workdays: [] } });
    expect(parseCalendarOverrides('', 'yaml')).toEqual({ ok: true, overrides: { holidays: [], workdays: [] } });
  });

  it('names the place of every mistake', () => {
    expect(parseCalendarOverrides('{"holidays": ["2027-02-30", "2027-02-08"], "workdays": [7]}', 'json')).toEqual({
      ok: false,
      problems: ['holidays.0: must be a date YYYY-MM-DD', expect.stringMatching(/^workdays\.0: /)],
    });
    expect(parseCalendarOverrides('{"holiday": []}', 'json')).toEqual({ ok: false, problems: [expect.stringMatching(/^file: .*holiday/)] });
    expect(parseCalendarOverrides('[]', 'json')).toEqual({ ok: false, problems: [expect.stringMatching(/^file: /)] });
  });

  it('says which format did not parse, with the parser\'s first line', () => {
    expect(parseCalendarOverrides('{"holidays": [', 'json')).toEqual({ ok: false, problems: ['not valid JSON: Unexpected end of JSON input'] });
    expect(parseCalendarOverrides('holidays: [2027-02-08\nworkdays: x: y', 'yaml')).toEqual({
      ok: false,
      problems: ['not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:'],
    });
  });
});
