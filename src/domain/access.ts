// Who may do what, as pure rules over an Actor. Every handler asks these functions (through
// the Slack layer's one access check); nothing else decides.
// - worker: reads and writes clients of their own communities only;
// - manager: reads every community, writes in their own;
// - admin (ADMIN_USER_IDS or role admin): sets up communities and staff, reads and writes all.
import type { Locale, StaffRole } from './types.js';

export interface Actor {
  /** Slack user id. */
  userId: string;
  /** Staff row id; null for a user the bot does not know. */
  staffId: number | null;
  role: StaffRole | null;
  isAdmin: boolean;
  /** Communities the actor is a member of. */
  communityIds: number[];
  locale: Locale;
}

export type CommunityScope = 'all' | number[];

export function isKnown(actor: Actor): boolean {
  return actor.staffId !== null;
}

export function readScope(actor: Actor): CommunityScope {
  if (!isKnown(actor)) return [];
  return actor.isAdmin || actor.role === 'manager' ? 'all' : actor.communityIds;
}

export function writeScope(actor: Actor): CommunityScope {
  if (!isKnown(actor)) return [];
  return actor.isAdmin ? 'all' : actor.communityIds;
}

export function inScope(scope: CommunityScope, communityId: number): boolean {
  return scope === 'all' || scope.includes(communityId);
}

export const canReadCommunity = (actor: Actor, communityId: number) => inScope(readScope(actor), communityId);
export const canWriteCommunity = (actor: Actor, communityId: number) => inScope(writeScope(actor), communityId);

/** Registers clients and logs visits and check-ins: workers, managers and admins who are staff. */
export function canRecord(actor: Actor): boolean {
  return isKnown(actor) && (actor.isAdmin || actor.communityIds.length > 0);
}

/** Corrects a visit, check-in or test: its author, or a manager (or admin), while they may write that community. */
export function canCorrect(actor: Actor, communityId: number, authorStaffId: number): boolean {
  if (!canWriteCommunity(actor, communityId)) return false;
  return actor.staffId === authorStaffId || actor.role === 'manager' || actor.isAdmin;
}

/** Restores a deleted record: a manager (or admin) who may write that community. */
export function canRestore(actor: Actor, communityId: number): boolean {
  return canWriteCommunity(actor, communityId) && (actor.role === 'manager' || actor.isAdmin);
}

/** Logs prevention outreach: any staff member, in a community they may write or for the whole sub-district (null). */
export function canLogOutreach(actor: Actor, communityId: number | null = null): boolean {
  return isKnown(actor) && (communityId === null || canWriteCommunity(actor, communityId));
}
