// The status card of one client in Block Kit, and the pick list of an ambiguous query. Pure.
// The card shows no notes: it may be read in a shared channel over someone's shoulder, and
// the client file (issue 6) reuses it inside its modal.
import { addDays, type DateRange } from '../../../domain/dates.js';
import type { LegalFlag } from '../../../domain/schedule.js';
import { LAW } from '../../../domain/rules.js';
import type { ClientStatus, Program } from '../../../domain/types.js';
import type { Translate } from '../../../i18n/index.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { itemText, logVisitButton } from '../../due-lists/slack/message.js';
import type { ClientStatusView, TeamMember } from '../client-status.js';
import { LOG_CHECKIN_ACTION, STATUS_PICK_ACTION } from '../ids.js';
import { button, clientLabel, clientMrkdwn, context, section } from '../../../slack/blocks.js';

/** Dates listed per compliance line before "…and N more". */
const MAX_DATES = 24;
/** Buttons in a pick list; more matches are counted, not listed. */
export const MAX_PICKS = 10;

const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${value}` });

const teamText = (t: Translate, m: TeamMember | null) => (m === null ? t('status.card.none') : 'userId' in m ? `<@${m.userId}>` : escapeMrkdwn(m.name));

function termText(t: Translate, s: ClientStatusView): string {
  if (s.awaitingSince !== null) return t('status.card.awaitingReportIn', { decided: s.awaitingSince, by: addDays(s.awaitingSince, LAW.reportInDays) });
  if (s.effectiveTermEnd === null) return t('status.card.termOpen', { start: s.termStart, planned: s.plannedTermEnd });
  if (s.effectiveTermEnd !== s.plannedTermEnd) {
    return t('status.card.termExtended', { start: s.termStart, end: s.effectiveTermEnd, planned: s.plannedTermEnd });
  }
  return t('status.card.termRange', { start: s.termStart, end: s.effectiveTermEnd });
}

function statusText(t: Translate, s: ClientStatusView): string {
  const now = t(`status.${s.status}`);
  return s.recordedStatus === s.status ? now : t('status.card.statusRecorded', { status: now, recorded: t(`status.${s.recordedStatus}`) });
}

function listed(t: Translate, items: string[]): string {
  if (items.length === 0) return t('status.card.noneInTerm');
  const more = items.length > MAX_DATES ? ` ${t('status.card.more', { count: items.length - MAX_DATES })}` : '';
  return items.slice(0, MAX_DATES).join('、') + more;
}

const windowText = (t: Translate, w: DateRange) => t('status.card.window', { start: w.start, end: w.end });

/** One flag's line on the card; a late report-in cites the article of the client's programme. */
export function flagLine(t: Translate, flag: LegalFlag, program: Program): string {
  switch (flag.kind) {
    case 'mustReport':
      return t('status.card.flag.mustReport', { date: flag.testDate });
    case 'seriousViolation':
      return t('status.card.flag.seriousViolation', { date: flag.raisedOn, count: flag.causes.length });
    case 'absenceViolation':
      return t('flag.card.absenceViolation', { date: flag.raisedOn, count: flag.absences, days: flag.days });
    case 'lateReportIn':
      return flag.reportedOn === null
        ? t(`flag.card.notReportedIn.${program}`, { decisionDate: flag.decisionDate, limit: LAW.reportInDays })
        : t(`flag.card.lateReportIn.${program}`, { decisionDate: flag.decisionDate, reportedOn: flag.reportedOn, limit: LAW.reportInDays });
  }
}

/** The card itself: who, the term, the team, the latest records, what is due, compliance. */
export function buildStatusCard(t: Translate, s: ClientStatusView): unknown[] {
  const given = t('status.card.givenAtIntake');
  const lastVisit = s.lastVisit ? t('status.card.dated', { date: s.lastVisit.date, what: s.lastVisit.kind ? t(`visits.kind.${s.lastVisit.kind}`) : given }) : t('status.card.never');
  const lastCheckIn = s.lastCheckIn ? (s.lastCheckIn.givenAtIntake ? t('status.card.dated', { date: s.lastCheckIn.date, what: given }) : s.lastCheckIn.date) : t('status.card.never');
  const lastTest = s.lastTest ? t('status.card.dated', { date: s.lastTest.date, what: s.lastTest.result ? t(`visits.urine.${s.lastTest.result}`) : given }) : t('status.card.never');
  const due = s.due.length === 0 ? t('status.card.dueNone') : s.due.map((i) => `• ${itemText(t, i)}`).join('\n');
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clientLabel(s).slice(0, 150) } },
    {
      type: 'section',
      fields: [
        field(t('status.card.community'), escapeMrkdwn(s.communityName)),
        field(t('status.card.program'), t(`program.${s.program}`)),
        field(t('status.card.term'), termText(t, s)),
        field(t('status.card.termYear'), s.termYear === null ? t('status.card.termYearNone') : t('status.card.termYearValue', { year: s.termYear })),
        field(t('status.card.status'), statusText(t, s)),
        field(t('status.card.caseworker'), `<@${s.caseworker.userId}>`),
      ],
    },
    {
      type: 'section',
      fields: [
        field(t('status.card.police'), teamText(t, s.team.police)),
        field(t('status.card.gridWorker'), teamText(t, s.team.gridWorker)),
        field(t('status.card.volunteer'), teamText(t, s.team.volunteer)),
      ],
    },
    {
      type: 'section',
      fields: [
        field(t('status.card.lastVisit'), lastVisit),
        field(t('status.card.lastCheckIn'), lastCheckIn),
        field(t('status.card.lastTest'), lastTest),
      ],
    },
    section(`*${t('status.card.due')}*\n${due}`),
    {
      type: 'section',
      fields: [
        field(t('status.card.missedWindows'), listed(t, s.missedTestWindows.map((w) => windowText(t, w)))),
        field(t('status.card.refused'), listed(t, s.refusedTests)),
      ],
    },
  ];
  if (s.flags.length > 0) blocks.push(section(`*${t('status.card.flags')}*\n${s.flags.map((f) => flagLine(t, f, s.program)).join('\n')}`.slice(0, 3000)));
  if (s.trackedFrom !== null) blocks.push(context(t('status.card.trackedFrom', { date: s.trackedFrom })));
  blocks.push(context(t('status.card.asOf', { date: s.today })));
  return blocks;
}

/** The card as an ephemeral message, with the buttons to log a visit or a check-in. */
export function statusMessage(t: Translate, s: ClientStatusView): { text: string; blocks: unknown[] } {
  return {
    text: t('status.card.fallback', { client: clientMrkdwn(s), status: t(`status.${s.status}`) }),
    blocks: [
      ...buildStatusCard(t, s),
      {
        type: 'actions',
        block_id: 'status_actions',
        elements: [logVisitButton(t, s.clientId), button(LOG_CHECKIN_ACTION, t('status.card.logCheckIn'), String(s.clientId))],
      },
    ],
  };
}

export interface PickOption {
  id: number;
  caseNumber: string;
  alias: string;
  status: ClientStatus;
}

/** Several clients matched: one line and a "show" button each. */
export function pickList(t: Translate, query: string, matches: PickOption[]): { text: string; blocks: unknown[] } {
  const text = t('status.pick.title', { count: matches.length, query: escapeMrkdwn(query) });
  const blocks: unknown[] = [section(text)];
  for (const m of matches.slice(0, MAX_PICKS)) {
    const status = m.status === 'active' ? '' : `（${t(`status.${m.status}`)}）`;
    blocks.push(section(`*${clientMrkdwn(m)}*${status}`, { block_id: `pick-${m.id}`, accessory: button(STATUS_PICK_ACTION, t('status.pick.button'), String(m.id)) }));
  }
  if (matches.length > MAX_PICKS) blocks.push(context(t('status.pick.more', { count: matches.length - MAX_PICKS })));
  return { text, blocks };
}
