// The bot listens to Slack (and answers /healthz) before its database is ready, so that a
// PostgreSQL server that is down at start shows as a 503 with a reason instead of a refused
// connection, and people who use the bot meanwhile are told so instead of waiting in vain. Until
// `ready()`, every request is answered here, in the default language (who is asking cannot be
// looked up), without reaching a feature: a command or a button gets a private "the bot is
// starting, nothing was saved, try again"; a modal submission gets it under its first input (the
// modal stays open, so nothing typed is lost); an options request gets no options; events are
// acknowledged (Bolt does that first) and dropped.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { translator, type Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Health } from './health.js';

export type StartState = 'database_unavailable' | 'starting' | 'ready';

export class Readiness {
  constructor(public state: StartState = 'starting') {}

  /** /healthz: the start state until ready, then whether the database answers now. */
  async health(ping: () => Promise<boolean>): Promise<Health> {
    if (this.state !== 'ready') return { ok: false, reason: this.state };
    return (await ping()) ? { ok: true } : { ok: false, reason: 'database_unavailable' };
  }

  get ready(): boolean {
    return this.state === 'ready';
  }
}

type Body = { type?: string; command?: string; view?: { blocks?: { type: string; block_id?: string }[] }; response_url?: string };

/** The global middleware answering requests that arrive before the bot is ready. */
export function answerWhileStarting(readiness: Readiness, locale: Locale, log: Logger): Middleware<AnyMiddlewareArgs> {
  const text = translator(locale)('common.starting');
  return async (args) => {
    if (readiness.ready) return args.next();
    const body = args.body as Body;
    log.info({ event: 'slack.refused_starting', type: body.command !== undefined ? 'command' : (body.type ?? 'event'), state: readiness.state });
    const ack = 'ack' in args ? (args.ack as (answer?: unknown) => Promise<void>) : undefined;
    const respond = 'respond' in args ? (args.respond as ((message: unknown) => Promise<unknown>) | undefined) : undefined;
    if (!ack) return; // an event: acknowledged already
    if (body.type === 'view_submission') {
      const field = body.view?.blocks?.find((b) => b.type === 'input')?.block_id;
      return ack(field ? { response_action: 'errors', errors: { [field]: text } } : undefined);
    }
    if (body.type === 'block_suggestion') return ack({ options: [] });
    if (body.command !== undefined) return ack({ response_type: 'ephemeral', text });
    await ack();
    await respond?.({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
  };
}
