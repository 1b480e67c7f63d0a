// Slack's Web API failing while the bot confirms a saved visit — HTTP 503, 429 with Retry-After,
// a call that hangs past the timeout and is carried out late — leaves the visit saved exactly
// once, and the author gets exactly one confirmation once Slack takes it: at once after a
// Retry-After, else from the sweep that retries what is still owed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFIRMATION_MARKER, deliverPending } from '../../src/slack/confirmations.js';
import { WEB_CLIENTS } from '../../src/slack/web-clients.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { NOW, WORKER, auditActions, openModal, seedWorld } from '../features/visits-fixtures.js';
import { eventually, startFaultBot, type FaultBot } from './fault-bot.js';
import type { TestBot } from '../support/test-bot.js';

const VISIT = { kind: 'home', urine: 'negative', notes: '母亲说他最近在找工作' };
/** The fake's id for WORKER's DM with the bot (conversations.open). */
const DM = `D${WORKER.slice(1)}`;
const unavailable = () => ({ status: 503, body: { ok: false, error: 'service_unavailable' } });
const rateLimited = () => ({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });

describe('a confirmation Slack does not take at once', () => {
  const t = useTestDatabase();
  let f: FaultBot;
  beforeAll(async () => {
    f = await startFaultBot(t.db, NOW);
  });
  afterAll(async () => f?.stop());
  beforeEach(async () => {
    f.fake.reset();
    f.clock.now = NOW;
    await seedWorld(t.db.prisma);
  });

  const prisma = () => t.db.prisma;
  /** Logs a visit for 赵某甲 (from `/visit` typed in a channel unless `inDm`); the ack must be empty. */
  async function logVisit(inDm = false): Promise<void> {
    const view = await openModal(f as unknown as TestBot, WORKER, '/visit', 'MH-2025-001');
    const answer = await f.driver.submit(WORKER, inDm ? { ...view, private_metadata: '' } : view, VISIT);
    expect([answer.status, answer.text]).toEqual([200, '']);
  }
  const confirmation = async () => (await prisma().confirmation.findMany())[0];
  /** The confirmations the author can see: DMs marked as one, and ephemerals Slack accepted. */
  const told = () => f.fake.messagesIn(DM).filter((m) => (m.metadata as Json | undefined)?.event_type === CONFIRMATION_MARKER);
  const savedOnce = async () => {
    expect(await prisma().visit.count()).toBe(1);
    expect(await prisma().urineTest.count()).toBe(1);
    expect(await prisma().submissionKey.count()).toBe(1);
    expect((await auditActions(prisma())).filter((a) => a === 'visit.create' || a === 'urine_test.create')).toEqual(['visit.create', 'urine_test.create']);
  };
  const later = (ms: number) => (f.clock.now = new Date(f.clock.now.getTime() + ms));

  it('503: saved once, kept while Slack keeps failing, told once by the sweep when it recovers', async () => {
    f.fake.respondOnce('chat.postEphemeral', unavailable);
    f.fake.respondOnce('chat.postMessage', unavailable);
    await logVisit();
    const pending = await eventually(confirmation, (c) => c?.attempts === 1);
    expect(pending).toMatchObject({ deliveredAt: null, tried: true, lastError: 'slack_webapi_http_error', claimedAt: null });
    expect(pending!.nextAttemptAt.getTime() - NOW.getTime()).toBe(30_000);
    await savedOnce();
    expect(told()).toEqual([]);

    // Not due yet; then due, and Slack still failing: tried again later (backoff doubles).
    expect(await deliverPending(f.bot.ctx.confirmations)).toEqual({ delivered: 0, failed: 0 });
    later(30_000);
    f.fake.respondOnce('chat.postMessage', unavailable);
    expect(await deliverPending(f.bot.ctx.confirmations)).toEqual({ delivered: 0, failed: 1 });
    expect((await confirmation())!.nextAttemptAt.getTime() - f.clock.now.getTime()).toBe(60_000);

    later(60_000);
    expect(await deliverPending(f.bot.ctx.confirmations)).toEqual({ delivered: 1, failed: 0 });
    expect(told()).toHaveLength(1);
    expect(told()[0]!.text).toContain('MH-2025-001 赵某甲');
    expect(told()[0]!.text).not.toContain('母亲');
    // Delivered: the text that names the client is gone from the table; nothing is sent again.
    expect(await confirmation()).toMatchObject({ text: null, blocks: null, attempts: 2 });
    later(600_000);
    expect(await deliverPending(f.bot.ctx.confirmations)).toEqual({ delivered: 0, failed: 0 });
    expect(told()).toHaveLength(1);
    await savedOnce();
  });

  it('429 with Retry-After: waited out, then told once', async () => {
    f.fake.respondOnce('chat.postEphemeral', rateLimited);
    f.fake.respondOnce('chat.postMessage', rateLimited);
    const since = Date.now();
    await logVisit();
    await eventually(told, (m) => m.length === 1);
    const waitedMs = Date.now() - since;
    expect(waitedMs).toBeGreaterThanOrEqual(1000);
    expect(await eventually(confirmation, (c) => c?.deliveredAt !== null)).toMatchObject({ attempts: 0, text: null });
    expect(f.fake.callsOf('chat.postMessage')).toHaveLength(2);
    await savedOnce();
    console.log(`429 Retry-After 1 s: confirmed ${waitedMs} ms after the submission`);
  });

  it('a timeout whose message Slack posted late: found in the DM by the sweep, not posted twice', async () => {
    const release = f.fake.holdNext('chat.postMessage');
    const since = Date.now();
    await logVisit(true);
    // The bot's real confirmation client gives up after its timeout (web-clients.ts).
    const pending = await eventually(confirmation, (c) => c?.attempts === 1, WEB_CLIENTS.confirmations.timeout + 10_000);
    const failedAfterMs = Date.now() - since;
    expect(failedAfterMs).toBeGreaterThanOrEqual(WEB_CLIENTS.confirmations.timeout);
    expect(pending).toMatchObject({ deliveredAt: null, tried: true, lastError: 'slack_webapi_request_error' });
    // Slack carries the held call out after the bot gave up on it.
    release();
    await eventually(told, (m) => m.length === 1);

    later(30_000);
    expect(await deliverPending(f.bot.ctx.confirmations)).toEqual({ delivered: 1, failed: 0 });
    expect(f.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(f.fake.callsOf('conversations.history')).toHaveLength(1);
    expect(told()).toHaveLength(1);
    await savedOnce();
    console.log(`timeout ${WEB_CLIENTS.confirmations.timeout} ms: the attempt counted as failed ${failedAfterMs} ms after the submission`);
  });
});
