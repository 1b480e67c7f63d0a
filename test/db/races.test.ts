// What happens when two deliveries or two bot instances arrive at the same moment, on the
// database itself (PGlite and PostgreSQL): one submission makes one record, and a stale post
// claim is taken over by exactly one instance. Through HTTP the second arrival usually comes
// after the first has committed; here both are in flight together, so the losing path runs.
import { describe, expect, it } from 'vitest';
import { once } from '../../src/db/idempotency.js';
import { toDbDate } from '../../src/db/dates.js';
import { claimDuePost, STALE_CLAIM_MS } from '../../src/features/due-lists/claims.js';
import { claimReportPost } from '../../src/features/reports/claims.js';
import { useTestDatabase } from '../support/db.js';

const t = useTestDatabase();
const NOW = new Date('2026-12-03T00:30:00Z');

describe('the same submission twice at once', () => {
  it('creates one record; the other delivery is told it is a duplicate of it', async () => {
    const save = () =>
      once(t.db.prisma, 'view:V0RACE', 'community', (tx) => tx.community.create({ data: { name: '梅花碑社区' } }));
    const results = await Promise.all([save(), save(), save()]);
    const created = results.filter((r) => !r.duplicate);
    expect(created).toHaveLength(1);
    const community = await t.db.prisma.community.findFirstOrThrow();
    expect(await t.db.prisma.community.count()).toBe(1);
    // Every delivery names the one record, so each can answer its author about it.
    expect(results.map((r) => r.entityId)).toEqual(Array(3).fill(String(community.id)));
  });

  it('still fails when the record itself breaks a unique rule: only a lost key race is a duplicate', async () => {
    await t.db.prisma.community.create({ data: { name: '梅花碑社区' } });
    await expect(once(t.db.prisma, 'view:V0OTHER', 'community', (tx) => tx.community.create({ data: { name: '梅花碑社区' } }))).rejects.toMatchObject({ code: 'P2002' });
    expect(await t.db.prisma.submissionKey.count()).toBe(0);
  });
});

describe('a stale claim taken over by two instances at once', () => {
  async function staleDueClaim() {
    const community = await t.db.prisma.community.create({ data: { name: '梅花碑社区', channelId: 'C0MEIHUA' } });
    await t.db.prisma.dailyPost.create({
      data: { communityId: community.id, localDate: toDbDate('2026-12-03'), kind: 'due_list', channelId: 'C0MEIHUA', claimedBy: 'crashed', claimedAt: new Date(NOW.getTime() - STALE_CLAIM_MS - 60_000), attempts: 1 },
    });
    return community.id;
  }

  it('gives the daily list to exactly one of them', async () => {
    const communityId = await staleDueClaim();
    const claims = await Promise.all(
      ['instance-a', 'instance-b', 'instance-c'].map((instanceId) => claimDuePost(t.db.prisma, { communityId, localDate: '2026-12-03', channelId: 'C0MEIHUA', instanceId, now: NOW })),
    );
    expect(claims.filter((c) => c.kind === 'claimed')).toEqual([{ kind: 'claimed', postId: expect.any(Number), takenOver: true, previousError: null }]);
    expect(claims.filter((c) => c.kind === 'busy')).toHaveLength(2);
    expect(await t.db.prisma.dailyPost.findFirstOrThrow()).toMatchObject({ attempts: 2, state: 'claimed' });
  });

  it('gives the weekly report to exactly one of them', async () => {
    await t.db.prisma.reportPost.create({
      data: { kind: 'weekly_counts', periodKey: '2026-W49', channelId: 'C0MANAGERS', claimedBy: 'crashed', claimedAt: new Date(NOW.getTime() - STALE_CLAIM_MS - 60_000), attempts: 1 },
    });
    const claims = await Promise.all(
      ['instance-a', 'instance-b'].map((instanceId) => claimReportPost(t.db.prisma, { kind: 'weekly_counts', periodKey: '2026-W49', channelId: 'C0MANAGERS', instanceId, now: NOW })),
    );
    expect(claims.map((c) => c.kind).sort()).toEqual(['busy', 'claimed']);
    expect(await t.db.prisma.reportPost.findFirstOrThrow()).toMatchObject({ attempts: 2 });
  });

  it('leaves a fresh claim alone: its poster may still be at work', async () => {
    const communityId = await staleDueClaim();
    await t.db.prisma.dailyPost.updateMany({ data: { claimedAt: new Date(NOW.getTime() - STALE_CLAIM_MS + 60_000) } });
    const claim = await claimDuePost(t.db.prisma, { communityId, localDate: '2026-12-03', channelId: 'C0MEIHUA', instanceId: 'instance-a', now: NOW });
    expect(claim).toEqual({ kind: 'busy' });
  });
});
