// What the person who changed a status or a team is told afterwards: case number and alias,
// the change and the dates — never the reason, the receiving place or any name.
import type { Translate } from '../../../i18n/index.js';
import { clientMrkdwn } from '../../../slack/blocks.js';
import { TEAM_FORM } from '../ids.js';
import type { SavedChange } from '../status.js';
import type { SavedTeam } from '../team.js';
import type { SavedTerm } from '../term.js';

export function statusChangedText(t: Translate, change: SavedChange): string {
  const parts = [
    t('lifecycle.status.done', {
      client: clientMrkdwn(change.client),
      from: t(`status.${change.previous}`),
      to: t(`status.${change.status}`),
      date: change.from,
    }),
  ];
  if (change.until) parts.push(t('lifecycle.status.done.until', { date: change.until }));
  if (change.termEnd === null && change.termEndBefore !== null) parts.push(t('lifecycle.status.done.termOpen'));
  else if (change.termEnd !== null && change.termEnd !== change.termEndBefore) parts.push(t('lifecycle.status.done.termEnd', { date: change.termEnd }));
  return parts.join(' ');
}

const LABELS = {
  [TEAM_FORM.caseworker]: 'lifecycle.team.caseworker.label',
  [TEAM_FORM.police]: 'lifecycle.team.police.label',
  [TEAM_FORM.gridWorker]: 'lifecycle.team.gridWorker.label',
  [TEAM_FORM.volunteer]: 'lifecycle.team.volunteer.label',
} as const;

export function teamChangedText(t: Translate, team: SavedTeam): string {
  const client = clientMrkdwn(team.client);
  if (team.changed.length === 0) return t('lifecycle.team.unchanged', { client });
  const fields = team.changed.map((f) => t(LABELS[f as keyof typeof LABELS])).join(t('lifecycle.list.separator'));
  return t('lifecycle.team.done', { client, fields });
}

export function termChangedText(t: Translate, term: SavedTerm): string {
  const client = clientMrkdwn(term.client);
  return term.changed ? t('lifecycle.term.done', { client, count: term.months, end: term.plannedTermEnd }) : t('lifecycle.term.unchanged', { client });
}
