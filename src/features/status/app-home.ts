// App Home: published when the user opens it, and again after they log something (the
// `recorded` event), so their counts and list stay current. Whether a staff member has ever
// opened it is kept in the database (Staff.homeOpenedAt), so that with several bot instances the
// one that saves the record redraws the home, whichever instance drew it first.
import type { WebClient } from '@slack/web-api';
import { isKnown } from '../../domain/access.js';
import { askerFor, type BoltApp, type BotContext } from '../../slack/context.js';
import { unknownUserText } from '../../slack/replies.js';
import { caseloadCounts, myCaseload } from './caseload.js';
import { today } from './commands.js';
import { buildHome, buildUnknownHome, OVERVIEW_MAX, type HomeView } from './home.js';
import { seesOverview, weekOverview } from './overview.js';

export async function homeView(ctx: BotContext, userId: string): Promise<HomeView> {
  const { actor, t } = await askerFor(ctx, userId);
  if (!isKnown(actor)) return buildUnknownHome(t, unknownUserText(t, ctx.config.adminUserIds));
  const day = today(ctx);
  const entries = await myCaseload(ctx.prisma, actor, day, ctx.rules);
  const [counts, overview] = await Promise.all([
    caseloadCounts(ctx.prisma, entries, day),
    seesOverview(actor) ? weekOverview(ctx.prisma, actor, day, ctx.rules, OVERVIEW_MAX) : undefined,
  ]);
  return buildHome(t, { today: day, entries, counts, ...(overview ? { overview } : {}) });
}

async function publishHome(ctx: BotContext, web: WebClient, userId: string): Promise<void> {
  try {
    await web.views.publish({ user_id: userId, view: (await homeView(ctx, userId)) as never });
  } catch (error) {
    ctx.log.error({ event: 'status.home_publish_failed', userId, err: error });
  }
}

export function registerHome(app: BoltApp, ctx: BotContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    // The Messages tab opens this event too; only the Home tab shows our view.
    if (event.tab !== 'home') return;
    // Written once per person (unknown users have no Staff row and nothing to redraw).
    await ctx.prisma.staff.updateMany({ where: { slackUserId: event.user, homeOpenedAt: null }, data: { homeOpenedAt: ctx.now() } });
    await publishHome(ctx, client, event.user);
  });
  ctx.onRecorded(async (recorded) => {
    const staff = await ctx.prisma.staff.findUnique({ where: { slackUserId: recorded.userId }, select: { homeOpenedAt: true } });
    if (staff?.homeOpenedAt) await publishHome(ctx, ctx.web, recorded.userId);
  });
}
