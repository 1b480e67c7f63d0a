// Loads the Actor for a Slack user: their staff row, memberships and language. Who counts as
// staff follows the staff list: an active row with at least one community (someone removed from
// their last community is nobody to the bot, whatever their role was), or an id listed in
// ADMIN_USER_IDS. Admin rights come from that list while the id is in it, or from the role an
// admin gave (`staff add … admin`). Listed ids get a staff row (a worker with no community) the
// first time they use the bot, so that what they record has an author like everyone else's.
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
    // The staff row and its audit row together: a connection lost between them must not leave
    // an admin the audit trail never saw arrive.
    staff = await prisma.$transaction(async (tx) => {
      const created = await tx.staff.upsert({
        where: { slackUserId: userId },
        create: { slackUserId: userId, displayName: userId, role: 'worker' },
        update: {},
        include: { memberships: true },
      });
      await audit(tx, { actor: userId, action: 'staff.bootstrap_admin', entity: 'staff', entityId: created.id });
      return created;
    });
  }
  const known = staff !== null && (envAdmin || (staff.active && staff.memberships.length > 0));
  return {
    userId,
    staffId: known ? staff!.id : null,
    role: known ? staff!.role : null,
    isAdmin: envAdmin || (known && staff!.role === 'admin'),
    communityIds: known ? staff!.memberships.map((m) => m.communityId) : [],
    locale: fromDbLocale(staff?.locale ?? null) ?? slackLocale ?? settings.defaultLocale,
  };
}
