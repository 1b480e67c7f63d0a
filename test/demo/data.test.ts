// The demo sub-district's data (pure): the same seed and day give the same data; it covers both
// programmes and every status, stays clearly fake, and keeps to the rules the bot enforces.
import { describe, expect, it } from 'vitest';
import { compareDates } from '../../src/domain/dates.js';
import { plannedTermEndOf } from '../../src/domain/schedule.js';
import { CLIENT_STATUSES, PROGRAMS } from '../../src/domain/types.js';
import { DEMO_CASE_PREFIX, DEMO_COMMUNITIES, DEMO_USER_PREFIX, demoSubDistrict } from '../../src/demo/data.js';

const TODAY = '2026-12-04';

describe('the demo sub-district data', () => {
  const demo = demoSubDistrict(TODAY);

  it('is the same for the same day and seed', () => {
    expect(demoSubDistrict(TODAY)).toEqual(demo);
  });

  it('has 12 communities, 22 staff with placeholder ids, 150 clearly fake clients in both programmes and every status', () => {
    expect(DEMO_COMMUNITIES).toHaveLength(12);
    expect(demo.staff).toHaveLength(22);
    expect(demo.staff.every((s) => s.slackUserId.startsWith(DEMO_USER_PREFIX) && s.displayName.endsWith('（演示）'))).toBe(true);
    expect(demo.clients).toHaveLength(150);
    expect(demo.clients.every((c) => c.caseNumber.startsWith(DEMO_CASE_PREFIX))).toBe(true);
    expect(new Set(demo.clients.map((c) => c.program))).toEqual(new Set(PROGRAMS));
    expect(new Set(demo.clients.map((c) => c.status))).toEqual(new Set(CLIENT_STATUSES));
    for (let c = 0; c < DEMO_COMMUNITIES.length; c++) expect(demo.clients.filter((client) => client.community === c).length).toBeGreaterThanOrEqual(12);
  });

  it('records nothing before a report-in or after today, and completes only served terms', () => {
    for (const c of demo.clients) {
      for (const r of c.records) {
        expect(compareDates(r.date, c.termStart)).toBeGreaterThanOrEqual(0);
        expect(compareDates(r.date, TODAY)).toBeLessThanOrEqual(0);
      }
      if (c.status === 'completed') expect(compareDates(c.statusFrom!, plannedTermEndOf(c.termStart, c.termMonths))).toBeGreaterThan(0);
    }
  });

  it('has casework this week in every community, with gaps and a few positive and refused tests', () => {
    for (let c = 0; c < DEMO_COMMUNITIES.length; c++) {
      expect(demo.clients.some((client) => client.community === c && client.records.some((r) => r.date === TODAY && r.kind))).toBe(true);
    }
    const urine = demo.clients.flatMap((c) => c.records.flatMap((r) => (r.urine ? [r.urine] : [])));
    expect(urine.filter((u) => u === 'positive').length).toBeGreaterThan(0);
    expect(urine.filter((u) => u === 'refused').length).toBeGreaterThan(0);
    const months = (c: (typeof demo.clients)[number]) => new Set(c.records.filter((r) => r.kind && r.kind !== 'phone').map((r) => r.date.slice(0, 7))).size;
    expect(demo.clients.filter((c) => c.status === 'active' && months(c) < 6).length).toBeGreaterThan(0);
  });
});
