// Who the bot is in Slack (its bot id and user id), asked once with auth.test. A bot that
// starts while Slack is unreachable still starts: requests are authorised with the configured
// token, and the identity is filled in as soon as auth.test answers.
import type { Logger } from '../logger.js';
import { webClient } from './web-clients.js';

export interface BotIdentity {
  botId: string | undefined;
  botUserId: string | undefined;
  teamId: string | undefined;
}

export function createIdentity(token: string, apiUrl: string | undefined, log: Logger) {
  // Its own client: a quick answer or none, never Bolt's half hour of retries at start-up.
  const client = webClient('identity', token, apiUrl, log);
  const identity: BotIdentity = { botId: undefined, botUserId: undefined, teamId: undefined };
  let pending: Promise<BotIdentity> | undefined;

  const resolve = (): Promise<BotIdentity> => {
    if (identity.botUserId) return Promise.resolve(identity);
    pending ??= client.auth
      .test()
      .then((answer) => {
        identity.botId = answer.bot_id;
        identity.botUserId = answer.user_id;
        identity.teamId = answer.team_id;
        log.info({ event: 'slack.identity', botUserId: identity.botUserId, teamId: identity.teamId });
        return identity;
      })
      .catch((error: unknown) => {
        log.warn({ event: 'slack.identity_unknown', err: error });
        return identity;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return { identity, resolve };
}
