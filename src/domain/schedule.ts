/**
 * The schedule of a client in community treatment / rehabilitation: what is due, and compliance.
 * Pure functions over plain data (ClientFacts) and a `today` calendar date. Semantics:
 *
 * 1. Status on a date (statusOn): the period covering the date, the latest-starting if several
 *    (same start: the more restrictive status), else 'active'. Terminal statuses
 *    (transferred_out, completed, terminated) last for good from their start, whatever their end
 *    says, and win over any leave or suspension; the schedule ends the day before the first one.
 * 2. Suspension (中止, 《戒毒条例》 Art. 24) stops term time. calendarDay(offset) is the calendar day
 *    `offset` un-suspended days after termStart (termStart itself is offset 0 unless suspended).
 *    Effective term end = calendarDay(plannedTermEnd − termStart): the planned end moved later by
 *    the suspended days inside the term; null while a suspension is open (nothing is due then).
 *    Calendar months are clamped to a shorter month everywhere (Jan 31 + 1 month → Feb 28/29;
 *    29 February + 12 months → 28 February), and a term of m months planned from termStart ends
 *    the day before termStart + m months (plannedTermEndOf): so the term years and test windows
 *    tile the planned term exactly, a leap-day start included.
 * 3. Urine tests (windows.ts). Term year k runs in planned time from termStart + k years; it has
 *    n = rules.urineTest[program][k] tests (later years repeat year 3), in n equal windows of
 *    12/n months, window i starting termStart + (12k + i·12/n) months (always from termStart, so
 *    month ends do not drift). Window start = calendarDay(its planned start); end =
 *    calendarDay(next window's planned start) − 1, so a suspension inside a window stretches it.
 *    Windows are clipped at the effective term end and at the day before a terminal status;
 *    windows starting later are dropped, as are windows whose end falls in an open suspension
 *    (a window reaching the known effective term end ends there, whatever follows the term).
 *    A test taken in a window closes it: a result of negative or positive, or the last test given
 *    at intake (its result is not known). A refusal does not: the client still owes the test,
 *    so it stays due and, once the window ends, overdue (§5) until a test is taken. A window
 *    that ended before today unclosed is missed, unless it holds a refusal (§6).
 * 4. Visits and check-ins (months.ts), by calendar month. Active days: days of the month inside
 *    the schedule whose status is 'active' (leave and suspension pause the requirement). A month
 *    with active days requires rules.*.perCalendarMonth events on distinct days anywhere in the
 *    month (paused days too; only counting visit kinds — a phone call is not a meeting), by the
 *    deadline = its last active day.
 * 5. Due items (due.ts), one per kind at most. Overdue: the earliest unmet period whose deadline
 *    is before today and after the last qualifying event (a later event clears the overdue state;
 *    the miss stays in compliance; for tests the events are tests taken, so a refusal clears
 *    nothing). Otherwise the current period (first whose deadline ≥ today)
 *    if unmet, else the next unmet one: dueToday / dueSoon (deadline within rules.dueSoonDays) /
 *    upcoming. No items after the schedule ends or while suspended or terminal; on leave, tests
 *    and whatever visit or check-in was already overdue the day before the leave began (it stays
 *    until done). Events dated after today are ignored everywhere.
 * 6. Compliance (flags.ts, 《戒毒条例》 Art. 20–21). Causes, in date order: each refused test,
 *    dated the test day (refusals on different days count separately, even in one window: each
 *    is a refusal to be tested; two recorded on one day count once), and each missed window,
 *    dated the day after its end. A window that holds a refusal and ends untested is not missed
 *    as well: its refusal already counts. The causes raise one seriousViolation flag when they
 *    reach LAW.seriousViolationThreshold (3, Art. 20 (一)); each positive test raises mustReport
 *    (report to 公安机关). Missed months are those whose deadline passed unmet.
 * 7. Clients registered mid-term (tracking.ts): a month or window is required only if its
 *    deadline is on or after the kind's required-from day — the tracked-from date when history
 *    of the kind exists by then (prior dates given at intake count as events; for tests, only
 *    tests taken — a refusal is no test history), else one period after it. Nothing before is
 *    missed, overdue or flagged.
 * 8. Unauthorised absences (absences.ts, 《戒毒条例》 Art. 20 (二)): the absences begun by today,
 *    clipped to the term (term start … last day; one still open counts up to today), records
 *    sharing a day merged into one absence with each day counted once. One absenceViolation flag
 *    on the first day of the third absence or on the 31st day absent in all (LAW.absence), which
 *    ever comes first. nextFlagCheck also returns the day an absence still going on would pass
 *    30 days, when that comes before the next window check.
 * 9. Late report-in (flags.ts, 《戒毒条例》 Art. 14 社区戒毒, Art. 38 社区康复: report in within
 *    LAW.reportInDays = 15 days of the decision). With a decision date known, a first report-in
 *    (termStart) more than 15 days after it, and not after today, raises one lateReportIn flag
 *    dated the 16th day after the decision. A transfer's arrival here (reportedOn) is not
 *    judged: its 15 days run from the change of place (Art. 22), a date not kept.
 */
export { statusOn, effectiveTermEnd, plannedTermEndOf, termYearOn } from './periods.js';
export type { ClientFacts, StatusPeriod } from './periods.js';
export { testWindows, type TestWindow } from './windows.js';
export { dueItems, compareDueItems, compareUrgency } from './due.js';
export type { DueItem, DueKind, DueState } from './due.js';
export { compliance, nextFlagCheck } from './flags.js';
export type { Compliance, LegalFlag, ViolationCause } from './flags.js';
