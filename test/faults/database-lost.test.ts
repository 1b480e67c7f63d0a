// PostgreSQL lost in the middle of a request: the bot runs on the real server through a TCP proxy
// the test closes at the moment the visit's INSERT is sent, inside its transaction. The author is
// told "not saved, try again" under the form, nothing of the visit exists (no visit without its
// test or audit rows, no idempotency key that would swallow the retry), /healthz says 503, the
// process does not crash on the dropped connections, and once the proxy is open again the pool
// opens new connections and the same submission is saved — once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase, type Database } from '../../src/db/client.js';
import { translator } from '../../src/i18n/index.js';
import { freshDatabaseUrl, onPostgres, truncateAll } from '../support/db.js';
import type { TestBot } from '../support/test-bot.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { NOW, WORKER, auditActions, openModal, seedWorld } from '../features/visits-fixtures.js';
import { eventually, healthz, startFaultBot, type FaultBot } from './fault-bot.js';

const zh = translator('zh-CN');
const VISIT = { kind: 'home', urine: 'positive', notes: '母亲说他最近在找工作' };

describe.skipIf(!onPostgres)('PostgreSQL lost mid-request (TEST_DATABASE_URL)', () => {
  let direct: Database;
  let proxy: TcpProxy;
  let f: FaultBot;
  const lost: Error[] = [];

  beforeAll(async () => {
    const url = await freshDatabaseUrl();
    direct = openPostgresDatabase(url, 2);
    await direct.migrate();
    proxy = await TcpProxy.toServerOf(url).open();
    f = await startFaultBot(openPostgresDatabase(proxy.url(url), 4, (error) => lost.push(error)), NOW);
  });
  afterAll(async () => {
    await f?.stop();
    await proxy?.close();
    await direct?.close();
  });
  beforeEach(async () => {
    await proxy.open();
    await truncateAll(direct);
    await seedWorld(direct.prisma);
    f.fake.reset();
  });

  const prisma = () => direct.prisma;
  const counts = async () => ({
    visits: await prisma().visit.count(),
    tests: await prisma().urineTest.count(),
    keys: await prisma().submissionKey.count(),
    confirmations: await prisma().confirmation.count(),
    // The writes audited (reads such as client.lookup are audited too, outside the record's transaction).
    audited: (await auditActions(prisma())).filter((a) => a.endsWith('.create')),
  });

  it('cut inside the visit transaction: "not saved", nothing half-written; reopened, the same submission is saved once', async () => {
    const view = await openModal(f as unknown as TestBot, WORKER, '/visit', 'MH-2025-001');
    const before = proxy.connections;
    const cut = proxy.closeWhen((chunk) => /INSERT INTO "public"\."Visit"/.test(chunk.toString('latin1')));

    const since = Date.now();
    const refused = await f.driver.submit(WORKER, view, VISIT);
    const answeredMs = Date.now() - since;
    await cut;
    expect(refused.status).toBe(200);
    expect(refused.json()).toEqual({ response_action: 'errors', errors: { client: zh('common.error.save') } });
    expect(answeredMs).toBeLessThan(3000); // inside Slack's 3-second limit for a modal's answer
    expect(await counts()).toEqual({ visits: 0, tests: 0, keys: 0, confirmations: 0, audited: [] });
    expect(await healthz(f.port)).toEqual({ status: 503, body: { ok: false, reason: 'database_unavailable' } });
    expect(f.logs.find((l) => l.event === 'visit.failed')).toMatchObject({ level: 50 });

    await proxy.open();
    expect(await healthz(f.port)).toEqual({ status: 200, body: { ok: true } });
    const saved = await f.driver.submit(WORKER, view, VISIT);
    expect([saved.status, saved.text]).toEqual([200, '']);
    expect(proxy.connections).toBeGreaterThan(before); // the pool opened new connections
    await f.fake.waitFor('chat.postEphemeral', (c) => c.args.user === WORKER && String(c.args.text).includes('MH-2025-001'));
    expect(await counts()).toMatchObject({ visits: 1, tests: 1, keys: 1, confirmations: 1, audited: ['visit.create', 'urine_test.create'] });
    // A third delivery of the same submission (Slack retrying) saves nothing more.
    expect((await f.driver.submit(WORKER, view, VISIT)).text).toBe('');
    expect(await counts()).toMatchObject({ visits: 1, tests: 1, keys: 1 });
    console.log(`refused ${answeredMs} ms after the submission; ${lost.length} idle connection(s) reported lost`);
  });

  it('every connection dropped while idle: no crash, the next request opens new ones', async () => {
    // Connections in the pool, then all dropped at once (a server restart, a network failure).
    await openModal(f as unknown as TestBot, WORKER, '/visit', 'MH-2025-001');
    const before = proxy.connections;
    proxy.cut();
    await eventually(() => lost.length, (n) => n > 0);
    const view = await openModal(f as unknown as TestBot, WORKER, '/visit', 'MH-2025-001');
    expect([(await f.driver.submit(WORKER, view, VISIT)).text]).toEqual(['']);
    expect(proxy.connections).toBeGreaterThan(before);
    expect(await counts()).toMatchObject({ visits: 1, tests: 1 });
  });
});
