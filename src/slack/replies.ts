// Replies every feature needs in the same words.
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Translate } from '../i18n/index.js';

export function unknownUserText(t: Translate, adminUserIds: readonly string[]): string {
  return adminUserIds.length > 0
    ? t('common.unknownUser', { admins: adminUserIds.map((id) => `<@${id}>`).join(' ') })
    : t('common.unknownUser.noAdmins');
}

/** Slack's answer when a trigger_id was too old to open a modal. */
function isExpiredTrigger(error: unknown): boolean {
  const code = (error as { data?: { error?: string } }).data?.error;
  return code === 'expired_trigger_id' || code === 'invalid_trigger_id' || code === 'exchanged_trigger_id';
}

/**
 * Opens a modal (or pushes one onto an open modal) with the interaction's trigger. Answers false
 * when it could not: Slack refused the trigger (too late, already used, unknown) or the request
 * carried none, which Slack would refuse too; the caller then tells the person.
 */
export async function openModal(web: WebClient, triggerId: string | undefined, view: View, how: 'open' | 'push' = 'open'): Promise<boolean> {
  if (!triggerId) return false;
  try {
    if (how === 'push') await web.views.push({ trigger_id: triggerId, view });
    else await web.views.open({ trigger_id: triggerId, view });
    return true;
  } catch (error) {
    if (!isExpiredTrigger(error)) throw error;
    return false;
  }
}
