// App Home: published when the user opens it, and again after they log something (the
// `recorded` event), so their counts and list stay current. Whether a staff member has ever
// opened it is kept in the database (Staff.homeOpenedAt), so that with several bot instances the
// one that saves the record redraws the home, whichever instance drew it first.
import type { WebClient } from '@slack/web-api';
import { isKnown } from '../../../domain/access.js';
import { askerFor, type Asker, type BotContext } from '../../../slack/context.js';
import { logFailure, type Listeners } from '../../../slack/listeners.js';
import { unknownUserText } from '../../../slack/replies.js';
import { caseloadCounts, myCaseload } from '../caseload.js';
import { today } from './commands.js';
import { buildHome, buildUnknownHome, OVERVIEW_MAX, type HomeView } from './home.js';
import { seesOverview, weekOverview } from '../overview.js';
import { waitingNotices } from '../../legal-flags/slack/post.js';
import { RETENTION_SHOWN } from '../../privacy/ids.js';
import { retentionReview } from '../../privacy/retention.js';

export async function homeView(ctx: BotContext, { actor, t }: Asker): Promise<HomeView> {
  if (!isKnown(actor)) return buildUnknownHome(t, unknownUserText(t, ctx.config.adminUserIds));
  const day = today(ctx);
  const entries = await myCaseload(ctx.prisma, actor, day, ctx.rules);
  const [counts, overview, flagsWaiting, retention] = await Promise.all([
    caseloadCounts(ctx.prisma, entries, day),
    seesOverview(actor) ? weekOverview(ctx.prisma, actor, day, ctx.rules, OVERVIEW_MAX) : undefined,
    // Flags reach nobody until MANAGERS_CHANNEL is set: the admins who can set it are told.
    actor.isAdmin && !ctx.config.managersChannel ? waitingNotices(ctx.prisma) : 0,
    actor.isAdmin ? retentionReview(ctx.prisma, day, ctx.config.retentionYears, RETENTION_SHOWN) : undefined,
  ]);
  return buildHome(t, { today: day, entries, counts, flagsWaiting, ...(overview ? { overview } : {}), ...(retention ? { retention } : {}) });
}

async function publishHome(ctx: BotContext, web: WebClient, asker: Asker): Promise<void> {
  await web.views.publish({ user_id: asker.actor.userId, view: (await homeView(ctx, asker)) as never });
}

export function registerHome(on: Listeners, ctx: BotContext): void {
  // Shown to everyone who opens it: people the bot does not know are told whom to ask.
  on.event('app_home_opened', (event) => event.user, async ({ ctx, actor, t, event, client }) => {
    // The Messages tab opens this event too; only the Home tab shows our view.
    if (event.tab !== 'home') return;
    // Written once per person the bot knows (a stranger's home is never redrawn).
    if (actor.staffId !== null) {
      await ctx.prisma.staff.updateMany({ where: { id: actor.staffId, homeOpenedAt: null }, data: { homeOpenedAt: ctx.now() } });
    }
    await publishHome(ctx, client, { actor, t });
  });
  ctx.onRecorded(async (recorded) => {
    const staff = await ctx.prisma.staff.findUnique({ where: { slackUserId: recorded.userId }, select: { homeOpenedAt: true } });
    if (!staff?.homeOpenedAt) return;
    try {
      await publishHome(ctx, ctx.web, await askerFor(ctx, recorded.userId));
    } catch (error) {
      logFailure(ctx.log, 'status.home_publish_failed', error);
    }
  });
}
