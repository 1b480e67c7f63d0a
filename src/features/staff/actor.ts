// Loads the Actor for a Slack user: their staff row, memberships and language. Users listed in
// ADMIN_USER_IDS get a staff row (role admin) the first time they use the bot, so that what
// they record has an author like everyone else's.
import type { Actor } from '../../domain/access.js';
import type { Locale } from '../../domain/types.js';
import type { Prisma } from '../../db/client.js';
import { audit } from '../../db/audit.js';
import { fromDbLocale } from './locale.js';

export interface ActorSettings {
  adminUserIds: readonly string[];
  defaultLocale: Locale;
}

export async function loadActor(
  prisma: Prisma,
  userId: string,
  settings: ActorSettings,
  slackLocale?: Locale,
): Promise<Actor> {
  const envAdmin = settings.adminUserIds.includes(userId);
  let staff = await prisma.staff.findUnique({ where: { slackUserId: userId }, include: { memberships: true } });
  if (!staff && envAdmin) {
    staff = await prisma.staff.upsert({
      where: { slackUserId: userId },
      create: { slackUserId: userId, displayName: userId, role: 'admin' },
      update: {},
      include: { memberships: true },
    });
    await audit(prisma, { actor: userId, action: 'staff.bootstrap_admin', entity: 'staff', entityId: staff.id });
  }
  const active = staff !== null && staff.active;
  return {
    userId,
    staffId: active ? staff!.id : null,
    role: active ? staff!.role : null,
    isAdmin: envAdmin || (active && staff!.role === 'admin'),
    communityIds: active ? staff!.memberships.map((m) => m.communityId) : [],
    locale: fromDbLocale(staff?.locale ?? null) ?? slackLocale ?? settings.defaultLocale,
  };
}
