// Client search asks the database in two shapes (src/features/clients/search.ts): one pass over
// a caseworker's communities, and one bounded query per way of matching for people who see
// every client. The same clients must come back, in the same order, with the same ranks: here a
// worker of every community and an admin search the same clients with queries of every kind,
// with limits small enough that each way's own limit is what decides.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/access.js';
import { CLIENT_STATUSES } from '../../../src/domain/types.js';
import { aliasPinyin } from '../../../src/features/clients/pinyin.js';
import { lookupClient, searchClients } from '../../../src/features/clients/search.js';
import { useTestDatabase } from '../../support/db.js';

const SURNAMES = [...'赵钱孙李周吴郑王冯陈'];
const STEMS = [...'甲乙丙丁戊己'];
/** Case numbers in several cases and shapes, so that prefixes match across them. */
const PREFIXES = ['HZ-2025-', 'hz-2024-', 'Hz-2023-', 'ZM-', 'zm', 'A_', 'B%'];

describe('client search: every-community and one-pass shapes agree', () => {
  const t = useTestDatabase();
  let worker: Actor;
  let admin: Actor;

  beforeEach(async () => {
    const communities: number[] = [];
    for (const name of ['梅花碑', '大学路', '小营']) communities.push((await t.db.prisma.community.create({ data: { name } })).id);
    const caseworker = await t.db.prisma.staff.create({ data: { slackUserId: 'U0WORKER', displayName: 'U0WORKER', role: 'worker' } });
    const data = Array.from({ length: 420 }, (_, i) => {
      // A few aliases in Latin letters or equal to another client's case number.
      const alias = i % 37 === 0 ? `ZM老${SURNAMES[i % 10]}` : i % 41 === 0 ? `${PREFIXES[0]}${String(i - 1).padStart(4, '0')}` : `${SURNAMES[(i * 7) % 10]}某${STEMS[i % 6]}`;
      return {
        caseNumber: `${PREFIXES[i % PREFIXES.length]}${String(i).padStart(4, '0')}`,
        alias,
        ...aliasPinyin(alias),
        communityId: communities[i % 3]!,
        caseworkerId: caseworker.id,
        program: 'community_rehab' as const,
        termStart: new Date('2025-01-10'),
        plannedTermEnd: new Date('2028-01-09'),
        status: CLIENT_STATUSES[(i * 5) % CLIENT_STATUSES.length]!,
        createdBy: 'U0ADMIN01',
      };
    });
    await t.db.prisma.client.createMany({ data });
    await t.db.prisma.$executeRawUnsafe('ANALYZE "Client"');
    worker = { userId: 'U0WORKER', staffId: 1, role: 'worker', isAdmin: false, communityIds: communities, locale: 'zh-CN' } as Actor;
    admin = { userId: 'U0ADMIN', staffId: 2, role: 'admin', isAdmin: true, communityIds: [], locale: 'zh-CN' } as Actor;
  });

  const queries = [
    'HZ-2025-0', 'hz-2025-0', 'hz', 'h', 'H', 'Hz-2023-0013', 'hz-2023-0013', 'zm', 'ZM', 'z', 'zm-', 'zm0001', 'a_', 'A_0', 'b%', '%', '_', '\\',
    '某甲', '赵某', '某', '赵', 'ZM老', '老赵', 'zhaomou', 'zhao', 'Zhao Mou', 'zmj', 'zm', 'q', 'mou', 'HZ-2025-0000', 'nothing', '  zmj  ',
  ];

  it('gives the same clients, order and ranks for every query and limit', async () => {
    for (const query of queries) {
      for (const limit of [1, 3, 10, 100]) {
        const onePass = await searchClients(t.db.prisma, worker, query, limit);
        const byWays = await searchClients(t.db.prisma, admin, query, limit);
        expect(byWays, `'${query}', limit ${limit}`).toEqual(onePass);
      }
    }
    // Not a vacuous comparison: most queries find several clients.
    const found = await Promise.all(queries.map((q) => searchClients(t.db.prisma, admin, q)));
    expect(found.filter((f) => f.length >= 3).length).toBeGreaterThan(queries.length / 2);
  });

  it('designates the same client for a command', async () => {
    for (const query of ['HZ-2025-0000', 'hz-2025-0000', 'ZM老赵', 'zm0001', '赵某甲', 'hz']) {
      const onePass = await lookupClient(t.db.prisma, worker, query);
      expect(await lookupClient(t.db.prisma, admin, query), query).toEqual(onePass);
    }
  });
});
