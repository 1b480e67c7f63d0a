// The client file modal and the status and team modals it pushes: Block Kit only, no I/O.
// Every input's action_id is its block_id.
import type { InputBlock, ModalView, PlainTextOption, View } from '@slack/types';
import type { LocalDate } from '../../../domain/dates.js';
import { CLIENT_STATUSES, TERMINATION_REASONS, type ClientStatus } from '../../../domain/types.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { termMonthsElement } from '../../clients/slack/modal.js';
import { buildStatusCard, type TeamMember } from '../../status/index.js';
import { button, clientMrkdwn, context, packLines, section } from '../../../slack/blocks.js';
import type { HistoryEntry, ClientFile } from '../file.js';
import {
  CHANGE_STATUS_ACTION,
  CHANGE_TEAM_ACTION,
  CHANGE_TERM_ACTION,
  CLIENT_TERM_CALLBACK_ID,
  TERM_FORM,
  CLIENT_FILE_CALLBACK_ID,
  CLIENT_STATUS_CALLBACK_ID,
  CLIENT_TEAM_CALLBACK_ID,
  HISTORY_SHOWN,
  MAX_PLACE,
  MAX_REASON,
  STATUS_FORM,
  TEAM_FORM,
} from '../ids.js';
import { input, plain } from '../../../slack/modal-blocks.js';

/** The block_id of the file's buttons. */
export const FILE_ACTIONS_BLOCK = 'client_file_actions';

function modal(t: Translate, callbackId: string, prefix: 'lifecycle.file' | 'lifecycle.status' | 'lifecycle.team' | 'lifecycle.term', metadata: string, blocks: unknown[]): ModalView {
  const submit = prefix === 'lifecycle.file' ? {} : { submit: plain(t(`${prefix}.modal.submit` as MessageKey)) };
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: metadata,
    title: plain(t(`${prefix}.modal.title` as MessageKey)),
    close: plain(t(`${prefix}.modal.close` as MessageKey)),
    ...submit,
    blocks: blocks as View['blocks'],
  };
}

/** One change of the history: when, from → to, until, where to, who, why. */
export function historyLine(t: Translate, h: HistoryEntry): string {
  const to = t(`status.${h.status}`);
  const change = h.previousStatus ? t('lifecycle.file.change', { from: t(`status.${h.previousStatus}`), to }) : to;
  const until = h.endsOn && h.endsOn >= h.startsOn ? t('lifecycle.file.until', { date: h.endsOn }) : '';
  const place = h.receivingPlace ? t('lifecycle.file.place', { place: escapeMrkdwn(h.receivingPlace) }) : '';
  const why = h.terminationReason ? t('lifecycle.file.terminationReason', { reason: t(`lifecycle.status.terminationReason.${h.terminationReason}`) }) : '';
  return t('lifecycle.file.historyLine', { date: h.startsOn, change: `${change}${until}${place}${why}`, who: `<@${h.recordedBy}>`, reason: escapeMrkdwn(h.reason) });
}

/** The file: the status card, the status history and, for those who may change it, the actions. */
export function buildClientFileModal(t: Translate, file: ClientFile, metadata: string): ModalView {
  const id = String(file.status.clientId);
  const history = file.history.length === 0 ? [section(`*${t('lifecycle.file.history')}*\n${t('lifecycle.file.noHistory')}`)] : [
    section(`*${t('lifecycle.file.history')}*`),
    ...packLines(file.history.map((h) => `• ${historyLine(t, h)}`), HISTORY_SHOWN).blocks,
    ...(file.moreHistory > 0 ? [context(t('lifecycle.file.moreHistory', { count: file.moreHistory }))] : []),
  ];
  const actions = file.canChange
    ? [{
        type: 'actions',
        block_id: FILE_ACTIONS_BLOCK,
        elements: [
          button(CHANGE_STATUS_ACTION, t('lifecycle.file.changeStatus'), id),
          button(CHANGE_TEAM_ACTION, t('lifecycle.file.changeTeam'), id),
          // Only 社区康复 has a decided term (《戒毒条例》 Art. 37).
          ...(file.status.program === 'community_rehab' ? [button(CHANGE_TERM_ACTION, t('lifecycle.file.changeTerm'), id)] : []),
        ],
      }]
    : [];
  return modal(t, CLIENT_FILE_CALLBACK_ID, 'lifecycle.file', metadata, [...buildStatusCard(t, file.status), { type: 'divider' }, ...history, ...actions]);
}

export interface ClientHeading {
  caseNumber: string;
  alias: string;
}

export interface StatusPrefill {
  client: ClientHeading;
  /** The status today, shown above the form. */
  current: ClientStatus;
  today: LocalDate;
  /** The effective term end; null while suspended. Completion is offered from that day only. */
  termEnd: LocalDate | null;
  metadata: string;
}

export function buildStatusModal(t: Translate, prefill: StatusPrefill): ModalView {
  const served = prefill.termEnd !== null && prefill.termEnd <= prefill.today;
  const statuses: PlainTextOption[] = CLIENT_STATUSES.filter((s) => s !== 'completed' || served).map((s) => ({ text: plain(t(`status.${s}`)), value: s }));
  const reasons: PlainTextOption[] = TERMINATION_REASONS.map((r) => ({ text: plain(t(`lifecycle.status.terminationReason.${r}`)), value: r }));
  const termEnd = prefill.termEnd === null ? t('lifecycle.status.termEnd.suspended') : t('lifecycle.status.termEnd', { end: prefill.termEnd });
  return modal(t, CLIENT_STATUS_CALLBACK_ID, 'lifecycle.status', prefill.metadata, [
    section(t('lifecycle.status.intro', { client: clientMrkdwn(prefill.client), status: t(`status.${prefill.current}`) })),
    ...(served ? [] : [context(termEnd)]),
    input(t, STATUS_FORM.status, 'lifecycle.status.status.label', { type: 'static_select', placeholder: plain(t('lifecycle.status.status.placeholder')), options: statuses }, {
      hint: plain(t('lifecycle.status.status.hint')),
    }),
    input(t, STATUS_FORM.from, 'lifecycle.status.from.label', { type: 'datepicker', initial_date: prefill.today }),
    input(t, STATUS_FORM.until, 'lifecycle.status.until.label', { type: 'datepicker' }, { optional: true, hint: plain(t('lifecycle.status.until.hint')) }),
    input(t, STATUS_FORM.reason, 'lifecycle.status.reason.label', { type: 'plain_text_input', multiline: true, max_length: MAX_REASON }, {
      hint: plain(t('lifecycle.status.reason.hint')),
    }),
    input(t, STATUS_FORM.receivingPlace, 'lifecycle.status.place.label', { type: 'plain_text_input', max_length: MAX_PLACE }, {
      optional: true,
      hint: plain(t('lifecycle.status.place.hint')),
    }),
    input(t, STATUS_FORM.terminationReason, 'lifecycle.status.terminationReason.label', { type: 'static_select', placeholder: plain(t('lifecycle.status.status.placeholder')), options: reasons }, {
      optional: true,
      hint: plain(t('lifecycle.status.terminationReason.hint')),
    }),
  ]);
}

export interface TeamPrefill {
  client: ClientHeading;
  caseworkerUserId: string;
  team: { police: TeamMember | null; gridWorker: TeamMember | null; volunteer: TeamMember | null };
  metadata: string;
}

function member(t: Translate, field: string, label: MessageKey, current: TeamMember | null): InputBlock {
  const initial = current && 'userId' in current ? { initial_user: current.userId } : {};
  // Someone recorded by name (no Slack account) cannot be shown in a users_select: say so.
  const hint = current && 'name' in current ? { hint: plain(t('lifecycle.team.nameOnly', { name: current.name })) } : {};
  return input(t, field, label, { type: 'users_select', placeholder: plain(t('lifecycle.team.person.placeholder')), ...initial }, { optional: true, ...hint });
}

export function buildTeamModal(t: Translate, prefill: TeamPrefill): ModalView {
  return modal(t, CLIENT_TEAM_CALLBACK_ID, 'lifecycle.team', prefill.metadata, [
    section(t('lifecycle.team.intro', { client: clientMrkdwn(prefill.client) })),
    input(t, TEAM_FORM.caseworker, 'lifecycle.team.caseworker.label', {
      type: 'users_select',
      placeholder: plain(t('lifecycle.team.person.placeholder')),
      initial_user: prefill.caseworkerUserId,
    }, { hint: plain(t('lifecycle.team.caseworker.hint')) }),
    member(t, TEAM_FORM.police, 'lifecycle.team.police.label', prefill.team.police),
    member(t, TEAM_FORM.gridWorker, 'lifecycle.team.gridWorker.label', prefill.team.gridWorker),
    member(t, TEAM_FORM.volunteer, 'lifecycle.team.volunteer.label', prefill.team.volunteer),
  ]);
}

export interface TermPrefill {
  client: ClientHeading;
  termStart: LocalDate;
  months: number;
  metadata: string;
}

export function buildTermModal(t: Translate, prefill: TermPrefill): ModalView {
  return modal(t, CLIENT_TERM_CALLBACK_ID, 'lifecycle.term', prefill.metadata, [
    section(t('lifecycle.term.intro', { client: clientMrkdwn(prefill.client), start: prefill.termStart })),
    input(t, TERM_FORM.termMonths, 'clients.intake.termMonths.label', termMonthsElement(prefill.months), { hint: plain(t('clients.intake.termMonths.hint')) }),
  ]);
}
