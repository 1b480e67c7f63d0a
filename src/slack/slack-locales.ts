// A user's Slack language, used when they have not chosen one with `/caseload lang`. Asked
// with users.info once per user and cached; never awaited inside a 3-second request.
import type { WebClient } from '@slack/web-api';
import { SLACK_USER_ID } from '../domain/slack-ids.js';
import type { Locale } from '../domain/types.js';
import { fromSlackLocale } from '../i18n/index.js';

const TTL_MS = 6 * 60 * 60 * 1000;

export function slackLocales(client: WebClient, now: () => number = Date.now) {
  const cache = new Map<string, { locale: Locale | undefined; at: number }>();
  const pending = new Set<string>();

  const fetchLocale = (userId: string) => {
    if (pending.has(userId)) return;
    pending.add(userId);
    client.users
      .info({ user: userId, include_locale: true })
      .then((answer) => cache.set(userId, { locale: fromSlackLocale(answer.user?.locale), at: now() }))
      .catch(() => cache.set(userId, { locale: undefined, at: now() }))
      .finally(() => pending.delete(userId));
  };

  return {
    /** The cached locale (possibly undefined); starts a lookup when unknown or stale. */
    get(userId: string): Locale | undefined {
      // Slack would refuse to look up what is no user id (a forged or broken request).
      if (!SLACK_USER_ID.test(userId)) return undefined;
      const hit = cache.get(userId);
      if (!hit || now() - hit.at > TTL_MS) fetchLocale(userId);
      return hit?.locale;
    },
  };
}
