// The author's confirmation of a saved absence: case number and alias, the dates and the days
// away. The notes never leave the record.
import { diffDays } from '../../../domain/dates.js';
import type { Translate } from '../../../i18n/index.js';
import { clientMrkdwn } from '../../../slack/blocks.js';
import type { SavedAbsence } from '../record.js';

export function savedText(t: Translate, absence: SavedAbsence): string {
  const { from, until } = absence;
  const span =
    until === null
      ? t('absences.span.open', { from })
      : until === from
        ? t('absences.span.oneDay', { from })
        : t('absences.span.closed', { from, until, count: diffDays(until, from) + 1 });
  return t(absence.created ? 'absences.saved' : 'absences.updated', { client: clientMrkdwn(absence.client), span });
}
