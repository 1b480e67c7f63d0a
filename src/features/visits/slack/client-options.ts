// The client picker's options (block_suggestion for `client`): a search over the clients the
// user may read, checked on every keystroke's request, answered well within Slack's 3 s.
import { anyStaff, type Listeners } from '../../../slack/listeners.js';
import { MAX_RESULTS, searchClients } from '../../clients/search.js';
import { CLIENT_ACTION } from '../ids.js';
import { clientOption } from './modal.js';

export function registerClientOptions(on: Listeners): void {
  on.options(CLIENT_ACTION, { allowed: anyStaff }, async ({ ctx, actor, payload }) =>
    (await searchClients(ctx.prisma, actor, payload.value, MAX_RESULTS)).map(clientOption),
  );
}
