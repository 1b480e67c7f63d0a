// What an Actor may do (src/domain/access.ts), as the access rules say it: workers read and write
// their own communities, managers read every community and write their own, admins everything;
// people the bot does not know nothing. Who counts as which is tested in test/features/actor.test.ts.
import { describe, expect, it } from 'vitest';
import {
  canCorrect, canLogOutreach, canReadCommunity, canRecord, canRestore, canWriteCommunity, inScope, isKnown, readScope, writeScope, type Actor,
} from '../../src/domain/access.js';

const MEIHUA = 1;
const DAXUE = 2;
const base = { locale: 'zh-CN' as const, isAdmin: false };
const worker: Actor = { ...base, userId: 'U0WORKER01', staffId: 10, role: 'worker', communityIds: [MEIHUA] };
const manager: Actor = { ...base, userId: 'U0MANAGER1', staffId: 11, role: 'manager', communityIds: [MEIHUA] };
const admin: Actor = { ...base, userId: 'U0ADMIN001', staffId: 12, role: 'worker', isAdmin: true, communityIds: [] };
const stranger: Actor = { ...base, userId: 'U0STRANGER', staffId: null, role: null, communityIds: [] };
/** A known staff row with no community: an id listed in ADMIN_USER_IDS no longer is not one (actor.ts). */
const memberOfNone: Actor = { ...base, userId: 'U0NONE0001', staffId: 13, role: 'worker', communityIds: [] };
/** A stranger carrying stale data must still be nobody. */
const staleStranger: Actor = { ...stranger, role: 'manager', isAdmin: true, communityIds: [MEIHUA] };

describe('access rules', () => {
  it('know staff by their staff row only', () => {
    expect([worker, manager, admin, memberOfNone].map(isKnown)).toEqual([true, true, true, true]);
    expect(isKnown(stranger)).toBe(false);
  });

  it('let a worker read and write their own communities only', () => {
    expect(readScope(worker)).toEqual([MEIHUA]);
    expect(writeScope(worker)).toEqual([MEIHUA]);
    expect([canReadCommunity(worker, MEIHUA), canReadCommunity(worker, DAXUE)]).toEqual([true, false]);
    expect([canWriteCommunity(worker, MEIHUA), canWriteCommunity(worker, DAXUE)]).toEqual([true, false]);
  });

  it('let a manager read every community and write their own', () => {
    expect(readScope(manager)).toBe('all');
    expect(writeScope(manager)).toEqual([MEIHUA]);
    expect([canReadCommunity(manager, DAXUE), canWriteCommunity(manager, MEIHUA), canWriteCommunity(manager, DAXUE)]).toEqual([true, true, false]);
  });

  it('let an admin read and write everywhere, without being a member', () => {
    expect(readScope(admin)).toBe('all');
    expect(writeScope(admin)).toBe('all');
    expect([canReadCommunity(admin, DAXUE), canWriteCommunity(admin, DAXUE)]).toEqual([true, true]);
  });

  it('give people the bot does not know nothing, whatever else their actor says', () => {
    for (const actor of [stranger, staleStranger]) {
      expect(readScope(actor)).toEqual([]);
      expect(writeScope(actor)).toEqual([]);
      expect([canReadCommunity(actor, MEIHUA), canWriteCommunity(actor, MEIHUA), canRecord(actor), canLogOutreach(actor), canLogOutreach(actor, MEIHUA)]).toEqual([
        false, false, false, false, false,
      ]);
    }
  });

  it('read scopes as listed', () => {
    expect(inScope('all', DAXUE)).toBe(true);
    expect(inScope([MEIHUA], MEIHUA)).toBe(true);
    expect(inScope([MEIHUA], DAXUE)).toBe(false);
    expect(inScope([], MEIHUA)).toBe(false);
  });

  it('let staff with a community, and admins, record', () => {
    expect([worker, manager, admin].map(canRecord)).toEqual([true, true, true]);
    expect(canRecord(memberOfNone)).toBe(false);
  });

  it('let the author correct their record, and a manager or admin any they may write', () => {
    const otherWorker: Actor = { ...worker, userId: 'U0WORKER02', staffId: 20 };
    expect(canCorrect(worker, MEIHUA, worker.staffId!)).toBe(true);
    expect(canCorrect(otherWorker, MEIHUA, worker.staffId!)).toBe(false);
    expect(canCorrect(manager, MEIHUA, worker.staffId!)).toBe(true);
    expect(canCorrect(admin, DAXUE, worker.staffId!)).toBe(true);
    // Not in a community they may not write, even their own record or as a manager.
    expect(canCorrect({ ...worker, communityIds: [DAXUE] }, MEIHUA, worker.staffId!)).toBe(false);
    expect(canCorrect(manager, DAXUE, worker.staffId!)).toBe(false);
  });

  it('let a manager or admin who may write the community restore a deleted record', () => {
    expect(canRestore(manager, MEIHUA)).toBe(true);
    expect(canRestore(admin, DAXUE)).toBe(true);
    expect(canRestore(worker, MEIHUA)).toBe(false);
    expect(canRestore(manager, DAXUE)).toBe(false);
  });

  it('let any staff log outreach for the sub-district, and for a community they may write', () => {
    expect(canLogOutreach(memberOfNone)).toBe(true);
    expect(canLogOutreach(worker, MEIHUA)).toBe(true);
    expect(canLogOutreach(worker, DAXUE)).toBe(false);
    expect(canLogOutreach(admin, DAXUE)).toBe(true);
  });
});
