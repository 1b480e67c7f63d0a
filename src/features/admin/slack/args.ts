// Reading the words of the admin commands: user mentions, roles, languages, community names.
// Pure; anything that does not parse comes back as undefined and the caller shows the usage.
import { escapeMrkdwn, unescapeSlack } from '../../../slack/text.js';
import { SLACK_USER_ID, SLACK_USER_ID_PATTERN } from '../../../domain/slack-ids.js';
import { LOCALES, STAFF_ROLES, type Locale, type StaffRole } from '../../../domain/types.js';

export interface UserRef {
  userId: string;
  /** The `|name` part of an escaped mention, when Slack sent one. */
  name?: string;
}

const MENTION = new RegExp(`^<@(${SLACK_USER_ID_PATTERN})(?:\\|([^>]*))?>$`);

/** `<@U…>`, `<@U…|name>` (what Slack sends with should_escape) or a bare `U…` id. */
export function parseUser(word: string | undefined): UserRef | undefined {
  if (word === undefined) return undefined;
  if (SLACK_USER_ID.test(word)) return { userId: word };
  const mention = MENTION.exec(word);
  if (!mention) return undefined;
  const name = mention[2]?.trim();
  return name ? { userId: mention[1]!, name } : { userId: mention[1]! };
}

export function parseRole(word: string | undefined): StaffRole | undefined {
  const lower = word?.toLowerCase();
  return (STAFF_ROLES as readonly string[]).find((r) => r === lower) as StaffRole | undefined;
}

/** `zh`, `zh-CN` (any case) or `en`. */
export function parseLocale(word: string | undefined): Locale | undefined {
  const lower = word?.toLowerCase();
  if (lower === 'zh' || lower === 'zh-cn') return 'zh-CN';
  return (LOCALES as readonly string[]).find((l) => l === lower) as Locale | undefined;
}

/** Slack escapes &, < and > in command text; names are stored as the person typed them. */
export function readName(words: string[]): string {
  return unescapeSlack(words.join(' ')).trim();
}

/** Characters as people count them (a Chinese character is one). */
export function nameLength(name: string): number {
  return [...name].length;
}

/** A stored name inside a mrkdwn reply: escaped again, so it cannot turn into a mention. */
export const showName = escapeMrkdwn;
