// Files past retention in the admins' App Home: clients whose file ended (transferred out,
// completed, terminated) more than RETENTION_YEARS ago and not yet erased, listed for review —
// opened through a signed app_home_opened event. Nobody else sees the section.
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { toDbDate } from '../../src/db/dates.js';
import type { ClientStatus } from '../../src/domain/types.js';
import { RETENTION_SHOWN } from '../../src/features/privacy/ids.js';
import { translator } from '../../src/i18n/index.js';
import { useTestDatabase } from '../support/db.js';
import type { Json } from '../support/fake-slack.js';
import { ADMIN, useTestBot } from '../support/test-bot.js';
import { MANAGER, NOW, WORKER, seedWorld, type World } from './lifecycle-fixtures.js';
import { addClient } from './visits-fixtures.js';

const zh = translator('zh-CN');

/** Today is 2025-06-01: with 3 years, files that ended before 2022-06-01. */
describe('files past retention in App Home', () => {
  const t = useTestDatabase();
  const { app } = useTestBot(t, NOW);
  let world: World;

  /** A client whose file ended on `endedOn` with `status` (its period recorded, unless `period` is false). */
  async function ended(caseNumber: string, alias: string, status: ClientStatus, endedOn: string, options: { period?: boolean; erased?: boolean } = {}) {
    const prisma = t.db.prisma;
    const id = await addClient(prisma, { caseNumber, alias, communityId: world.meihua, caseworkerId: world.staff[WORKER]!, termStart: '2019-01-10', plannedTermEnd: '2022-01-09', status });
    if (options.period !== false) {
      await prisma.clientStatusPeriod.create({ data: { clientId: id, status, startsOn: toDbDate(endedOn), reason: '期满', recordedById: world.staff[WORKER]! } });
    }
    if (options.erased) await prisma.client.update({ where: { id }, data: { alias: `已删除-${id}`, erasedAt: NOW } });
    return id;
  }

  beforeEach(async () => {
    world = await seedWorld(t.db.prisma);
  });

  async function home(user: string): Promise<string> {
    app.fake.clear();
    await app.driver.event({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.1' });
    const call = await app.fake.waitFor('views.publish', (c) => c.args.user_id === user);
    return JSON.stringify((call.args.view as Json).blocks);
  }

  it('lists, for admins only, the files ended more than three years ago and not erased, longest ended first', async () => {
    await ended('OLD-2', '周某', 'terminated', '2022-05-31');
    await ended('OLD-1', '吴某', 'completed', '2021-03-01');
    await ended('OLD-3', '郑某', 'transferred_out', '2020-12-01', { erased: true });
    await ended('EDGE', '冯某', 'completed', '2022-06-01');
    // Completed without a recorded period: counted from its planned term end (2022-01-09).
    await ended('NOPERIOD', '陈某', 'completed', '', { period: false });
    // A file that ended long ago but was reopened (active again) is not past retention.
    const reopened = await ended('BACK', '褚某', 'completed', '2020-01-01');
    await t.db.prisma.client.update({ where: { id: reopened }, data: { status: 'active' } });

    const blocks = await home(ADMIN);
    expect(blocks).toContain(JSON.stringify(zh('privacy.retention.title', { clients: 3, count: 3 })).slice(1, -1));
    const lines = [
      zh('privacy.retention.line', { client: 'OLD-1 吴某', status: zh('status.completed'), since: '2021-03-01' }),
      zh('privacy.retention.line', { client: 'NOPERIOD 陈某', status: zh('status.completed'), since: '2022-01-09' }),
      zh('privacy.retention.line', { client: 'OLD-2 周某', status: zh('status.terminated'), since: '2022-05-31' }),
    ];
    expect(blocks).toContain(JSON.stringify(lines.join('\n')).slice(1, -1));
    expect(blocks).toContain(JSON.stringify(zh('privacy.retention.hint')).slice(1, -1));
    for (const absent of ['EDGE', 'OLD-3', 'BACK']) expect(blocks).not.toContain(absent);

    for (const user of [MANAGER, WORKER]) expect(await home(user)).not.toContain(zh('privacy.retention.hint').slice(0, 10));
  });

  it('shows the first ones and counts the rest, and nothing when no file is past retention', async () => {
    expect(await home(ADMIN)).not.toContain(zh('privacy.retention.hint').slice(0, 10));
    for (let i = 0; i < RETENTION_SHOWN + 2; i++) await ended(`OLD-${String(i).padStart(2, '0')}`, '某某', 'completed', '2021-01-01');
    const blocks = await home(ADMIN);
    expect(blocks).toContain(JSON.stringify(zh('privacy.retention.title', { clients: RETENTION_SHOWN + 2, count: 3 })).slice(1, -1));
    expect(blocks).toContain('OLD-09');
    expect(blocks).not.toContain('OLD-10');
    expect(blocks).toContain(zh('privacy.retention.more', { count: 2 }));
  });
});

describe('RETENTION_YEARS', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5' };
  const years = (value?: string) => {
    const result = loadConfig({ ...base, ...(value === undefined ? {} : { RETENTION_YEARS: value }) });
    return result.ok ? result.config.retentionYears : result.problems;
  };

  it('defaults to 3 and takes whole years, at least 1', () => {
    expect(years()).toBe(3);
    expect(years('')).toBe(3);
    expect(years('10')).toBe(10);
    for (const bad of ['0', '2.5', 'three', '-1']) expect(years(bad)).toEqual(['RETENTION_YEARS: must be a whole number of years, at least 1']);
  });

  describe('another number of years', () => {
    const t = useTestDatabase();
    const { app } = useTestBot(t, NOW, { env: { RETENTION_YEARS: '5' } });

    it('counts from it', async () => {
      const world = await seedWorld(t.db.prisma);
      const add = async (caseNumber: string, endedOn: string) => {
        const id = await addClient(t.db.prisma, { caseNumber, alias: '某某', communityId: world.meihua, caseworkerId: world.staff[WORKER]!, status: 'completed' });
        await t.db.prisma.clientStatusPeriod.create({ data: { clientId: id, status: 'completed', startsOn: toDbDate(endedOn), reason: '期满', recordedById: world.staff[WORKER]! } });
      };
      await add('SIX', '2019-05-01');
      await add('FOUR', '2021-05-01');
      await app.driver.event({ type: 'app_home_opened', user: ADMIN, channel: `D${ADMIN}`, tab: 'home', event_ts: '1.1' });
      const blocks = JSON.stringify((await app.fake.waitFor('views.publish', (c) => c.args.user_id === ADMIN)).args.view);
      expect(blocks).toContain(JSON.stringify(zh('privacy.retention.title', { clients: 1, count: 5 })).slice(1, -1));
      expect(blocks).toContain('SIX');
      expect(blocks).not.toContain('FOUR');
    });
  });
});
