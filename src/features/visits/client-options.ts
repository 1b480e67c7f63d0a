// The client picker's options (block_suggestion for `client`): a search over the clients the
// user may read, checked on every keystroke's request, answered well within Slack's 3 s.
import { isKnown } from '../../domain/access.js';
import type { BoltApp, BotContext } from '../../slack/context.js';
import { MAX_RESULTS, searchClients } from '../clients/search.js';
import { CLIENT_ACTION } from './ids.js';
import { clientOption } from './modal.js';

export function registerClientOptions(app: BoltApp, ctx: BotContext): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: CLIENT_ACTION }, async ({ ack, body, payload }) => {
    try {
      const actor = await ctx.actorFor(body.user.id);
      const found = isKnown(actor) ? await searchClients(ctx.prisma, actor, payload.value, MAX_RESULTS) : [];
      await ack({ options: found.map(clientOption) });
    } catch (error) {
      ctx.log.error({ event: 'visits.search_failed', err: error });
      await ack({ options: [] });
    }
  });
}
