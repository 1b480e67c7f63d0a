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

  it('a later redelivery of a saved submission is a duplicate naming the first record, and writes nothing', async () => {
    const save = (name: string) => once(t.db.prisma, 'view:V0AGAIN', 'community', (tx) => tx.community.create({ data: { name } }));
    const first = await save('梅花碑社区');
    expect(first).toMatchObject({ duplicate: false, value: { name: '梅花碑社区' } });
    expect(await save('大学路社区')).toEqual({ duplicate: true, entityId: first.entityId, value: undefined });
    expect((await t.db.prisma.community.findMany()).map((c) => c.name)).toEqual(['梅花碑社区']);
    expect(await t.db.prisma.submissionKey.findUniqueOrThrow({ where: { key: 'view:V0AGAIN' } })).toMatchObject({ entity: 'community', entityId: first.entityId });
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

  it('tells a later run what became of the post: posted (with its message), failed, or taken again when asked to retry', async () => {
    const communityId = await staleDueClaim();
    const claim = (retryFailed = false) =>
      claimDuePost(t.db.prisma, { communityId, localDate: '2026-12-03', channelId: 'C0MEIHUA', instanceId: 'instance-a', now: NOW, retryFailed });
    const post = await t.db.prisma.dailyPost.findFirstOrThrow();

    await t.db.prisma.dailyPost.update({ where: { id: post.id }, data: { state: 'posted', messageTs: '1700000000.000100' } });
    expect(await claim()).toEqual({ kind: 'posted', postId: post.id, channelId: 'C0MEIHUA', messageTs: '1700000000.000100' });
    expect(await claim(true)).toEqual({ kind: 'posted', postId: post.id, channelId: 'C0MEIHUA', messageTs: '1700000000.000100' });

    await t.db.prisma.dailyPost.update({ where: { id: post.id }, data: { state: 'failed', messageTs: null, error: 'channel_not_found', claimedAt: NOW } });
    expect(await claim()).toEqual({ kind: 'failed', postId: post.id, error: 'channel_not_found' });
    expect(await claim(true)).toEqual({ kind: 'claimed', postId: post.id, takenOver: true, previousError: 'channel_not_found' });
    expect(await t.db.prisma.dailyPost.findFirstOrThrow()).toMatchObject({ state: 'claimed', claimedBy: 'instance-a', attempts: 2 });
  });

  it('hands the error of the attempt it takes over to the new poster (it looks for that message first)', async () => {
    const communityId = await staleDueClaim();
    await t.db.prisma.dailyPost.updateMany({ data: { error: 'http_503' } });
    const claim = await claimDuePost(t.db.prisma, { communityId, localDate: '2026-12-03', channelId: 'C0MEIHUA', instanceId: 'instance-a', now: NOW });
    expect(claim).toMatchObject({ kind: 'claimed', takenOver: true, previousError: 'http_503' });
  });

  it('a first claim is simply taken, and a second one finds it busy', async () => {
    const community = await t.db.prisma.community.create({ data: { name: '大学路社区', channelId: 'C0DAXUE' } });
    const request = { communityId: community.id, localDate: '2026-12-03', channelId: 'C0DAXUE', instanceId: 'instance-a', now: NOW };
    const first = await claimDuePost(t.db.prisma, request);
    expect(first).toEqual({ kind: 'claimed', postId: expect.any(Number), takenOver: false, previousError: null });
    expect(await claimDuePost(t.db.prisma, { ...request, instanceId: 'instance-b' })).toEqual({ kind: 'busy' });
    expect(await t.db.prisma.dailyPost.findFirstOrThrow({ where: { communityId: community.id } })).toMatchObject({ state: 'claimed', claimedBy: 'instance-a', attempts: 1, channelId: 'C0DAXUE' });
  });

  it('the weekly report: claimed once per period, posted or busy after', async () => {
    const request = { kind: 'weekly_counts' as const, periodKey: '2026-W48', channelId: 'C0MANAGERS', instanceId: 'instance-a', now: NOW };
    expect(await claimReportPost(t.db.prisma, request)).toMatchObject({ kind: 'claimed', takenOver: false });
    expect(await claimReportPost(t.db.prisma, request)).toEqual({ kind: 'busy' });
    await t.db.prisma.reportPost.updateMany({ data: { state: 'posted', messageTs: '1700000000.000200' } });
    expect(await claimReportPost(t.db.prisma, request)).toMatchObject({ kind: 'posted', channelId: 'C0MANAGERS', messageTs: '1700000000.000200' });
    expect(await t.db.prisma.reportPost.findFirstOrThrow()).toMatchObject({ kind: 'weekly_counts', periodKey: '2026-W48', claimedBy: 'instance-a', attempts: 1 });
  });

  it('a claim is stale after five minutes, not at five: a poster may take that long', async () => {
    const communityId = await staleDueClaim();
    const claim = (ageMs: number, retryFailed = false) =>
      t.db.prisma.dailyPost
        .updateMany({ data: { claimedAt: new Date(NOW.getTime() - ageMs) } })
        .then(() => claimDuePost(t.db.prisma, { communityId, localDate: '2026-12-03', channelId: 'C0MEIHUA', instanceId: 'instance-a', now: NOW, retryFailed }));
    expect(STALE_CLAIM_MS).toBe(5 * 60_000);
    expect(await claim(4 * 60_000)).toEqual({ kind: 'busy' });
    expect(await claim(5 * 60_000)).toEqual({ kind: 'busy' });
    // Asking to retry failed posts does not take a claim someone is still working on.
    expect(await claim(60_000, true)).toEqual({ kind: 'busy' });
    expect(await claim(5 * 60_000 + 1)).toMatchObject({ kind: 'claimed', takenOver: true });
  });

  it('a failed post stays failed however old, until someone asks to retry it', async () => {
    const communityId = await staleDueClaim();
    await t.db.prisma.dailyPost.updateMany({ data: { state: 'failed', error: 'not_in_channel', claimedAt: new Date(NOW.getTime() - 24 * 3600_000) } });
    expect(await claimDuePost(t.db.prisma, { communityId, localDate: '2026-12-03', channelId: 'C0MEIHUA', instanceId: 'instance-a', now: NOW })).toMatchObject({ kind: 'failed' });
    // The weekly report has no retry on request: a failed one is reported failed.
    await t.db.prisma.reportPost.create({ data: { kind: 'weekly_counts', periodKey: '2026-W47', channelId: 'C0MANAGERS', state: 'failed', error: 'channel_not_found', claimedAt: NOW, attempts: 1 } });
    expect(await claimReportPost(t.db.prisma, { kind: 'weekly_counts', periodKey: '2026-W47', channelId: 'C0MANAGERS', instanceId: 'instance-a', now: NOW })).toMatchObject({
      kind: 'failed', error: 'channel_not_found',
    });
  });

  it('passes on a database error that is not the claim’s own unique key', async () => {
    // A community that does not exist: the insert breaks a foreign key, which no retry would mend.
    await expect(claimDuePost(t.db.prisma, { communityId: 999, localDate: '2026-12-03', channelId: 'C0NONE', instanceId: 'instance-a', now: NOW })).rejects.toMatchObject({ code: 'P2003' });
  });
});
