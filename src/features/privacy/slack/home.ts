// The admins' App Home section of files past retention: how many, the first by case number and
// alias, and how to erase them. Pure Block Kit; at most three blocks.
import type { Translate } from '../../../i18n/index.js';
import { clientMrkdwn, context, section } from '../../../slack/blocks.js';
import type { RetentionReview } from '../retention.js';

export function retentionBlocks(t: Translate, review: RetentionReview): unknown[] {
  if (review.total === 0) return [];
  const lines = review.clients.map((c) => t('privacy.retention.line', { client: clientMrkdwn(c), status: t(`status.${c.status}`), since: c.endedOn }));
  const hidden = review.total - review.clients.length;
  return [
    { type: 'divider' },
    section([t('privacy.retention.title', { clients: review.total, count: review.years }), ...lines].join('\n')),
    context([...(hidden > 0 ? [t('privacy.retention.more', { count: hidden })] : []), t('privacy.retention.hint')].join(' ')),
  ];
}
