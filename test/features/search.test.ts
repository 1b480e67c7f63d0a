// Client search in the visit and check-in modals' picker (block_suggestion for `client`):
// what matches, in what order, for whom, how many, how fast — over signed HTTP requests.
import { beforeEach, describe, expect, it } from 'vitest';
import { aliasPinyin } from '../../src/features/clients/pinyin.js';
import { useTestDatabase } from '../support/db.js';
import { optionsProblems } from '../support/block-kit.js';
import type { Json } from '../support/fake-slack.js';
import { useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, OTHER_WORKER, STRANGER, WORKER, addClient, openModal, seedWorld, type World } from './visits-fixtures.js';

describe('client search', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW);
  let world: World;
  let view: Json;

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
    view = await openModal(app, WORKER, '/visit');
  });

  /** The option texts the picker shows `user` for `query`. */
  async function search(query: string, user = WORKER): Promise<string[]> {
    const answer = await app.driver.suggest(user, view, 'client', query);
    expect(optionsProblems(answer)).toEqual([]);
    return (answer.options as Json[]).map((o) => String((o.text as Json).text));
  }

  it('matches a case-number prefix, case-insensitively', async () => {
    expect(await search('mh-2025')).toEqual(['MH-2025-001 赵某甲', 'MH-2025-002 钱某乙']);
    expect(await search('MH-2025-00')).toEqual(['MH-2025-001 赵某甲', 'MH-2025-002 钱某乙']);
    // Not a prefix: the middle of a case number matches nothing.
    expect(await search('2025-001')).toEqual([]);
  });

  it('matches part of the alias', async () => {
    expect(await search('某甲')).toEqual(['MH-2025-001 赵某甲']);
    expect(await search('某')).toEqual(['MH-2025-001 赵某甲', 'MH-2025-002 钱某乙']);
  });

  it('matches the alias’s pinyin, full or initials, in any case', async () => {
    expect(await search('zhao')).toEqual(['MH-2025-001 赵某甲']);
    expect(await search('zhaomoujia')).toEqual(['MH-2025-001 赵某甲']);
    expect(await search('Zhao Mou')).toEqual(['MH-2025-001 赵某甲']);
    expect(await search('zmj')).toEqual(['MH-2025-001 赵某甲']);
    expect(await search('ZMJ')).toEqual(['MH-2025-001 赵某甲']);
    expect(await search('qmy')).toEqual(['MH-2025-002 钱某乙']);
    expect(await search('mou')).toEqual(['MH-2025-001 赵某甲', 'MH-2025-002 钱某乙']);
    // Search text is literal: LIKE wildcards match nothing special.
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('puts the best matches first: exact case number, case-number prefix, alias, then pinyin; active before inactive', async () => {
    const add = (caseNumber: string, alias: string, status: 'active' | 'completed' = 'active') =>
      addClient(t.db.prisma, { caseNumber, alias, communityId: world.meihua, caseworkerId: world.staff[WORKER]!, status });
    await add('ZM-10', '李某');
    await add('ZM-1', '王某');
    await add('A-7', 'ZM老张');
    await add('A-8', '张明', 'completed');
    await add('A-9', '赵敏');
    expect(await search('zm-1')).toEqual(['ZM-1 王某', 'ZM-10 李某']);
    expect(await search('zm')).toEqual(['ZM-1 王某', 'ZM-10 李某', 'A-7 ZM老张', 'A-9 赵敏', 'MH-2025-001 赵某甲', 'A-8 张明']);
  });

  it('shows only clients the user may see: a worker their communities, a manager all, a stranger none', async () => {
    expect(await search('sun', WORKER)).toEqual([]);
    expect(await search('smb', OTHER_WORKER)).toEqual(['DX-2025-001 孙某丙']);
    expect(await search('某', OTHER_WORKER)).toEqual(['DX-2025-001 孙某丙']);
    expect(await search('某', MANAGER)).toEqual(['DX-2025-001 孙某丙', 'MH-2025-001 赵某甲', 'MH-2025-002 钱某乙']);
    expect(await search('某', STRANGER)).toEqual([]);
  });

  it('audits every search with the length of the query, the number of results and the clients shown (ids), never the text', async () => {
    await search('zmj');
    await search('某', MANAGER);
    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'client.search' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.actor, a.detail])).toEqual([
      [WORKER, { queryLength: 3, results: 1, clientIds: [expect.any(Number)] }],
      [MANAGER, { queryLength: 1, results: 3, clientIds: [expect.any(Number), expect.any(Number), expect.any(Number)] }],
    ]);
  });

  it('answers at most 100 options', async () => {
    await t.db.prisma.client.createMany({
      data: Array.from({ length: 150 }, (_, i) => ({
        caseNumber: `MH-2026-${String(i).padStart(3, '0')}`,
        alias: `某${i}`,
        communityId: world.meihua,
        caseworkerId: world.staff[WORKER]!,
        program: 'community_treatment' as const,
        termStart: new Date('2026-01-01'),
        plannedTermEnd: new Date('2028-12-31'),
        createdBy: 'U0ADMIN01',
      })),
    });
    const options = await search('mh-2026');
    expect(options).toHaveLength(100);
    expect(options[0]).toBe('MH-2026-000 某0');
  });

  // How fast is measured by `npm run bench` (search p95), never by a timed test: here, what
  // each kind of query finds among 50,000 clients through the trigram indexes.
  it('finds clients by case number, pinyin, initials and alias among 50,000', async () => {
    // 600 aliases as people have them (surname + 某 + a character), pinyin from the intake's own
    // function, spread over 50,000 clients in both communities.
    const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'];
    const aliases = surnames.flatMap((s) => [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'].map((c) => `${s}某${c}`));
    const rows = aliases.map((alias, n) => {
      const { aliasPinyin: full, aliasInitials: initials } = aliasPinyin(alias);
      return `(${n}, '${alias}', '${full}', '${initials}')`;
    });
    await t.db.prisma.$executeRawUnsafe(`
      INSERT INTO "Client" ("caseNumber", alias, "aliasPinyin", "aliasInitials", "communityId", program, "termStart", "plannedTermEnd", "caseworkerId", "createdBy", "updatedAt")
      SELECT 'BK-' || lpad(i::text, 6, '0'), a.alias, a.py, a.ini,
             CASE WHEN i % 2 = 0 THEN ${world.meihua} ELSE ${world.daxue} END,
             'community_rehab', DATE '2025-01-01', DATE '2027-12-31', ${world.staff[WORKER]}, 'U0ADMIN01', now()
      FROM generate_series(1, 50000) AS i
      JOIN (VALUES ${rows.join(', ')}) AS a(n, alias, py, ini) ON a.n = i % ${aliases.length}`);
    await t.db.prisma.$executeRawUnsafe('ANALYZE "Client"');
    const cases: [string, string][] = [['bk-0499', WORKER], ['zmj', MANAGER], ['zhaomou', MANAGER], ['某丙', WORKER], ['m', MANAGER], ['z', MANAGER], ['bk', MANAGER]];
    for (const [query, user] of cases) {
      const options = await search(query, user);
      expect(options.length, query).toBeGreaterThan(0);
      expect(options.length, query).toBeLessThanOrEqual(100);
    }
    expect(await search('bk-049999', MANAGER)).toEqual(['BK-049999 ' + aliases[49999 % aliases.length]]);
  }, 120_000);
});
