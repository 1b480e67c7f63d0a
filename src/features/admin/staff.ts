// Use cases for staff: add someone to a community with a role, remove memberships, set one's
// own language. Removing a membership never touches what the person recorded.
import type { Actor } from '../../domain/access.js';
import type { Locale, StaffRole } from '../../domain/types.js';
import { OPEN_FILE } from '../../db/active.js';
import type { Prisma } from '../../db/client.js';
import { audit } from '../../db/audit.js';
import { toDbLocale } from '../staff/locale.js';

export interface AddStaffInput {
  slackUserId: string;
  communityId: number;
  /** Given explicitly; otherwise a new person is a worker and an existing one keeps their role. */
  role?: StaffRole;
  /** Asked only when the person is new (it may call Slack). */
  displayName: () => Promise<string>;
}

export interface AddStaffResult {
  /** False when they were already a member of that community. */
  joined: boolean;
  role: StaffRole;
  /** Set when an explicit role replaced a different one. */
  previousRole?: StaffRole;
}

export async function addStaff(prisma: Prisma, actor: Actor, input: AddStaffInput): Promise<AddStaffResult> {
  const found = await prisma.staff.findUnique({ where: { slackUserId: input.slackUserId } });
  // Outside the transaction: a Slack call must not hold a database connection.
  const displayName = found ? found.displayName : await input.displayName();
  const by = actor.userId;
  return prisma.$transaction(async (tx) => {
    let staff = found;
    if (!staff) {
      staff = await tx.staff.create({ data: { slackUserId: input.slackUserId, displayName, role: input.role ?? 'worker' } });
      await audit(tx, { actor: by, action: 'staff.create', entity: 'staff', entityId: staff.id, detail: { slackUserId: staff.slackUserId, role: staff.role } });
    }
    let previousRole: StaffRole | undefined;
    if (input.role && input.role !== staff.role) {
      previousRole = staff.role;
      staff = await tx.staff.update({ where: { id: staff.id }, data: { role: input.role } });
      await audit(tx, { actor: by, action: 'staff.role', entity: 'staff', entityId: staff.id, detail: { from: previousRole, to: staff.role } });
    }
    if (!staff.active) {
      // Adding someone to a community is the admin saying they work here again.
      staff = await tx.staff.update({ where: { id: staff.id }, data: { active: true } });
      await audit(tx, { actor: by, action: 'staff.reactivate', entity: 'staff', entityId: staff.id });
    }
    const key = { staffId_communityId: { staffId: staff.id, communityId: input.communityId } };
    const member = await tx.membership.findUnique({ where: key });
    if (!member) {
      await tx.membership.create({ data: { staffId: staff.id, communityId: input.communityId } });
      await audit(tx, {
        actor: by,
        action: 'membership.add',
        entity: 'staff',
        entityId: staff.id,
        communityId: input.communityId,
        detail: { slackUserId: staff.slackUserId, role: staff.role },
      });
    }
    return { joined: !member, role: staff.role, ...(previousRole ? { previousRole } : {}) };
  });
}

export type RemoveStaffResult =
  | { kind: 'notStaff' }
  | { kind: 'notMember' }
  | { kind: 'noMemberships' }
  /** `deactivated`: that was their last community, so they are no longer staff. */
  | { kind: 'removed'; communities: string[]; openCases: number; deactivated: boolean };

/** Removes one membership, or all of them when `communityId` is undefined. */
export async function removeStaff(
  prisma: Prisma,
  actor: Actor,
  input: { slackUserId: string; communityId?: number },
): Promise<RemoveStaffResult> {
  const staff = await prisma.staff.findUnique({
    where: { slackUserId: input.slackUserId },
    include: { memberships: { include: { community: { select: { name: true } } }, orderBy: { communityId: 'asc' } } },
  });
  if (!staff) return { kind: 'notStaff' };
  const targets =
    input.communityId === undefined ? staff.memberships : staff.memberships.filter((m) => m.communityId === input.communityId);
  if (targets.length === 0) return { kind: input.communityId === undefined ? 'noMemberships' : 'notMember' };
  const communityIds = targets.map((m) => m.communityId);
  const deactivated = targets.length === staff.memberships.length;
  await prisma.$transaction(async (tx) => {
    await tx.membership.deleteMany({ where: { staffId: staff.id, communityId: { in: communityIds } } });
    for (const communityId of communityIds) {
      await audit(tx, {
        actor: actor.userId,
        action: 'membership.remove',
        entity: 'staff',
        entityId: staff.id,
        communityId,
        detail: { slackUserId: staff.slackUserId },
      });
    }
    if (deactivated) {
      // No community left: from now on every request of theirs is answered as a stranger's.
      await tx.staff.update({ where: { id: staff.id }, data: { active: false } });
      await audit(tx, { actor: actor.userId, action: 'staff.deactivate', entity: 'staff', entityId: staff.id, detail: { role: staff.role } });
    }
  });
  const openCases = await prisma.client.count({
    // Open files, for whom a removed caseworker stays responsible.
    where: { caseworkerId: staff.id, communityId: { in: communityIds }, ...OPEN_FILE },
  });
  return { kind: 'removed', communities: targets.map((m) => m.community.name), openCases, deactivated };
}

/** The actor's own language. Env admins always have a staff row (loadActor creates it). */
export async function setLocale(prisma: Prisma, actor: Actor, locale: Locale): Promise<void> {
  const staffId = actor.staffId;
  if (staffId === null) throw new Error('setLocale needs a known user');
  await prisma.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: staffId }, data: { locale: toDbLocale(locale) } });
    await audit(tx, { actor: actor.userId, action: 'staff.locale', entity: 'staff', entityId: staffId, detail: { locale } });
  });
}

export interface StaffList {
  /** ADMIN_USER_IDS first (`fromConfig`), then staff given the admin role. */
  admins: { userId: string; fromConfig: boolean }[];
  communities: { name: string; managers: string[]; workers: string[] }[];
}

/** Who holds which role where: every community, or one. Only staff who can use the bot. */
export async function staffList(prisma: Prisma, adminUserIds: readonly string[], communityId?: number): Promise<StaffList> {
  const granted = await prisma.staff.findMany({
    where: { role: 'admin', active: true, memberships: { some: {} }, slackUserId: { notIn: [...adminUserIds] } },
    select: { slackUserId: true },
    orderBy: { id: 'asc' },
  });
  const communities = await prisma.community.findMany({
    where: communityId === undefined ? {} : { id: communityId },
    orderBy: { id: 'asc' },
    select: {
      name: true,
      memberships: {
        where: { staff: { active: true, role: { in: ['manager', 'worker'] } } },
        orderBy: { staffId: 'asc' },
        select: { staff: { select: { slackUserId: true, role: true } } },
      },
    },
  });
  const withRole = (rows: { staff: { slackUserId: string; role: string } }[], role: string) =>
    rows.filter((m) => m.staff.role === role).map((m) => m.staff.slackUserId);
  return {
    admins: [...adminUserIds.map((userId) => ({ userId, fromConfig: true })), ...granted.map((s) => ({ userId: s.slackUserId, fromConfig: false }))],
    communities: communities.map((c) => ({ name: c.name, managers: withRole(c.memberships, 'manager'), workers: withRole(c.memberships, 'worker') })),
  };
}
