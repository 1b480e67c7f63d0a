// A client's access log end to end: caseworkers and managers read, search, log and export through
// signed requests into the running bot, then an admin asks `/caseload audit` and pages with the
// "earlier entries" button. Lines name who, when (TIMEZONE) and what, never notes.
import { beforeEach, describe, expect, it } from 'vitest';
import { toDbDate } from '../../src/db/dates.js';
import { AUDIT_MORE_ACTION, AUDIT_PAGE } from '../../src/features/privacy/ids.js';
import { importSheet } from '../../src/import/apply.js';
import { readSheet } from '../../src/import/read.js';
import { translator } from '../../src/i18n/index.js';
import { buttonsOf } from '../support/blocks.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, OTHER_WORKER, WORKER, seedWorld, type World } from './lifecycle-fixtures.js';

const zh = translator('zh-CN');
const en = translator('en');
const NOTES = '谈到家里的债务';

/** The lines of an access-log reply: its sections after the title. */
const linesOf = (reply: Json) =>
  (reply.blocks as Json[])
    .slice(1)
    .filter((b) => b.type === 'section')
    .flatMap((b) => String((b.text as Json).text).split('\n'));
const whatOf = (line: string) => line.split('　')[2];

describe('a client’s access log', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW);
  let world: World;

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
  });

  async function ask(user: string, text: string): Promise<Json> {
    const { responseUrl } = await app.driver.command(user, '/caseload', text);
    return app.driver.reply(responseUrl);
  }
  async function more(user: string, value: string): Promise<Json> {
    const { responseUrl } = await app.driver.click(user, AUDIT_MORE_ACTION, value);
    return app.driver.reply(responseUrl);
  }

  it('shows who read, searched, changed, imported and exported the client, newest first, and never notes', async () => {
    await ask(WORKER, 'status MH-001');
    const visit = await app.driver.openedView((await app.driver.command(WORKER, '/visit', '')).triggerId);
    await app.driver.suggest(WORKER, visit, 'client', 'MH-00');
    const preselected = await app.driver.openedView((await app.driver.command(WORKER, '/visit', 'MH-001')).triggerId);
    await app.driver.accepted(WORKER, preselected, { kind: 'home', urine: 'negative', notes: NOTES });
    await ask(MANAGER, 'export week this 梅花碑');
    await ask(ADMIN, 'export clients');
    // Another community's client: not in this log.
    await ask(OTHER_WORKER, 'status DX-001');
    // A roster import that changes the client's support team.
    await t.db.prisma.client.update({ where: { id: world.clients.zhao }, data: { reportedOn: toDbDate('2025-01-10') } });
    const read = await readSheet(Buffer.from(`档案号,化名,社区,类别,报到日期,期限（月）,专干,民警\nMH-001,赵某甲,梅花碑,社区康复,2025-01-10,36,${WORKER},U0POLICE2\n`, 'utf8'));
    if (!read.ok) throw new Error(read.reason);
    expect(await importSheet(t.db.prisma, { kind: 'clients', sheet: read.sheet, fileName: 'roster.csv', actor: ADMIN, today: '2025-06-01', dryRun: false })).toMatchObject({ ok: true, counts: { updated: 1 } });

    const reply = await ask(ADMIN, 'audit mh-001');
    expect(reply.text).toBe(zh('privacy.audit.title', { client: 'MH-001 赵某甲' }));
    const lines = linesOf(reply);
    expect(lines.map(whatOf)).toEqual([
      zh('privacy.action.import.clients'),
      zh('privacy.action.clients.export'),
      zh('privacy.action.report.export'),
      zh('privacy.action.urine_test.create'),
      zh('privacy.action.visit.create'),
      zh('privacy.action.client.lookup'),
      zh('privacy.action.client.search'),
      zh('privacy.action.client.read'),
      zh('privacy.action.client.lookup'),
    ]);
    expect(lines.map((l) => l.split('　')[1])).toEqual([`<@${ADMIN}>`, `<@${ADMIN}>`, `<@${MANAGER}>`, ...Array(6).fill(`<@${WORKER}>`)]);
    expect(JSON.stringify(reply)).not.toContain(NOTES);
    expect(buttonsOf(reply.blocks as Json[])).toEqual([]);

    // Looking is audited, and shows the next time; in English for an English reader.
    expect(await t.db.prisma.auditLog.count({ where: { action: 'client.audit', actor: ADMIN, entityId: String(world.clients.zhao) } })).toBe(1);
    await ask(ADMIN, 'lang en');
    const again = await ask(ADMIN, 'audit MH-001');
    expect(whatOf(linesOf(again)[0]!.replace(/ {2}/g, '　'))).toBe(en('privacy.action.client.audit'));
  });

  it('pages 20 entries at a time with a button that re-checks the reader, and shows times in TIMEZONE and unknown actions by code', async () => {
    const clientId = world.clients.zhao;
    const base = Date.parse('2025-05-31T16:30:00Z'); // 2025-06-01 00:30 in Asia/Shanghai
    await t.db.prisma.auditLog.createMany({
      data: Array.from({ length: AUDIT_PAGE + 5 }, (_, i) => ({
        at: new Date(base + i * 60_000), actor: WORKER, action: i === 0 ? 'client.mystery' : 'client.read', entity: 'client', entityId: String(clientId),
      })),
    });
    const first = await ask(ADMIN, 'audit MH-001');
    const lines = linesOf(first);
    expect(lines).toHaveLength(AUDIT_PAGE);
    expect(lines[0]).toBe(zh('privacy.audit.line', { at: '2025-06-01 00:54', who: `<@${WORKER}>`, what: zh('privacy.action.client.read') }));
    const [button] = buttonsOf(first.blocks as Json[]);
    expect(button!.action_id).toBe(AUDIT_MORE_ACTION);

    // Not for a caseworker, even with the button in hand.
    expect((await more(WORKER, button!.value!)).text).toBe(zh('privacy.refused'));
    const second = await more(ADMIN, button!.value!);
    expect(linesOf(second)).toEqual([
      ...[4, 3, 2, 1].map((m) => zh('privacy.audit.line', { at: `2025-06-01 00:3${m}`, who: `<@${WORKER}>`, what: zh('privacy.action.client.read') })),
      zh('privacy.audit.line', { at: '2025-06-01 00:30', who: `<@${WORKER}>`, what: '`client.mystery`' }),
    ]);
    expect(buttonsOf(second.blocks as Json[])).toEqual([]);
    // A forged value finds nothing more.
    expect((await more(ADMIN, 'x:1')).text).toBe(zh('privacy.audit.gone'));
    expect((await more(ADMIN, '999999:1')).text).toBe(zh('privacy.audit.gone'));
  });

  it('is for admins only, in the asker’s language', async () => {
    expect((await ask(MANAGER, 'audit MH-001')).text).toBe(zh('privacy.refused'));
    expect((await ask(WORKER, 'audit MH-001')).text).toBe(zh('privacy.refused'));
    expect((await ask(ADMIN, 'audit MH-404')).text).toBe(zh('common.clientNotFound', { query: 'MH-404' }));
    expect((await ask(ADMIN, 'audit')).text).toBe(zh('common.usage', { usage: zh('privacy.audit.usage') }));
    expect(await t.db.prisma.auditLog.count({ where: { action: 'client.audit' } })).toBe(0);
  });
});
