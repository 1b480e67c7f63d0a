// The access log as a private message: one line per entry — when (in TIMEZONE), who (a mention)
// and what (the action's name, or its code when the catalog has none). Never notes or names:
// an entry holds none to show.
import { SLACK_USER_ID } from '../../../domain/slack-ids.js';
import type { MessageKey, Translate } from '../../../i18n/index.js';
import { escapeMrkdwn } from '../../../slack/text.js';
import { button, clientMrkdwn, context, packLines, section } from '../../../slack/blocks.js';
import type { AccessEntry, AccessPage } from '../access-log.js';
import { AUDIT_MORE_ACTION } from '../ids.js';

/** Every action the bot writes about one client, with its name in the catalog. */
const ACTIONS: Record<string, MessageKey> = {
  'client.read': 'privacy.action.client.read',
  'client.lookup': 'privacy.action.client.lookup',
  'client.search': 'privacy.action.client.search',
  'client.create': 'privacy.action.client.create',
  'client.status': 'privacy.action.client.status',
  'client.team': 'privacy.action.client.team',
  'client.term': 'privacy.action.client.term',
  'client.reported': 'privacy.action.client.reported',
  'client.audit': 'privacy.action.client.audit',
  'client.erase': 'privacy.action.client.erase',
  'visit.create': 'privacy.action.visit.create',
  'visit.edit': 'privacy.action.visit.edit',
  'visit.undo': 'privacy.action.visit.undo',
  'visit.restore': 'privacy.action.visit.restore',
  'checkin.create': 'privacy.action.checkin.create',
  'checkin.edit': 'privacy.action.checkin.edit',
  'checkin.undo': 'privacy.action.checkin.undo',
  'checkin.restore': 'privacy.action.checkin.restore',
  'urine_test.create': 'privacy.action.urine_test.create',
  'urine_test.edit': 'privacy.action.urine_test.edit',
  'urine_test.delete': 'privacy.action.urine_test.delete',
  'urine_test.undo': 'privacy.action.urine_test.undo',
  'urine_test.restore': 'privacy.action.urine_test.restore',
  'absence.create': 'privacy.action.absence.create',
  'absence.update': 'privacy.action.absence.update',
  'clients.export': 'privacy.action.clients.export',
  'report.export': 'privacy.action.report.export',
  'import.clients': 'privacy.action.import.clients',
};

export const actionName = (t: Translate, action: string): string => {
  const key = ACTIONS[action];
  return key ? t(key) : `\`${escapeMrkdwn(action)}\``;
};

/** "YYYY-MM-DD HH:mm" in `timeZone`. */
export function localTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Slack user ids run to about eleven characters; a far longer actor is shown as text, not as a mention. */
const MAX_MENTIONED_ID = 21;

function line(t: Translate, entry: AccessEntry, timeZone: string): string {
  const mention = SLACK_USER_ID.test(entry.actor) && entry.actor.length <= MAX_MENTIONED_ID;
  const who = mention ? `<@${entry.actor}>` : escapeMrkdwn(entry.actor);
  return t('privacy.audit.line', { at: localTime(entry.at, timeZone), who, what: actionName(t, entry.action) });
}

/** Slack sections the lines of one page may fill. */
const PAGE_SECTIONS = 4;

export function accessLogMessage(t: Translate, page: AccessPage, timeZone: string): { text: string; blocks: unknown[] } {
  const title = t('privacy.audit.title', { client: clientMrkdwn(page.client) });
  const { blocks } = packLines(page.entries.map((e) => line(t, e, timeZone)), PAGE_SECTIONS);
  return {
    text: title,
    blocks: [
      section(title),
      ...(page.entries.length === 0 ? [context(t('privacy.audit.empty'))] : blocks),
      ...(page.next === null ? [] : [{ type: 'actions', elements: [button(AUDIT_MORE_ACTION, t('privacy.audit.more'), `${page.client.id}:${page.next}`)] }]),
    ],
  };
}
