// Replies every feature needs in the same words.
import type { Translate } from '../i18n/index.js';

export function unknownUserText(t: Translate, adminUserIds: readonly string[]): string {
  return adminUserIds.length > 0
    ? t('common.unknownUser', { admins: adminUserIds.map((id) => `<@${id}>`).join(' ') })
    : t('common.unknownUser.noAdmins');
}

/** Slack's answer when a trigger_id was too old to open a modal. */
export function isExpiredTrigger(error: unknown): boolean {
  const code = (error as { data?: { error?: string } }).data?.error;
  return code === 'expired_trigger_id' || code === 'invalid_trigger_id' || code === 'exchanged_trigger_id';
}
