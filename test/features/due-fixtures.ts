// Data for the due-list tests, seeded with prisma as the admin, intake and visit features would
// leave it (those features are tested through the bot in their own files), and a way to run the
// daily job against the fake Slack with fixed clocks and the bot's own Web API clients.
import type { Prisma } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import { aliasPinyin } from '../../src/features/clients/pinyin.js';
import type { DueJobDeps } from '../../src/job-deps.js';
import type { Program, UrineResult, VisitKind } from '../../src/domain/types.js';
import type { Json } from '../support/fake-slack.js';
import type { TestBot } from '../support/test-bot.js';
import { MANAGER } from './staff-ids.js';

/** 09:00 in Asia/Shanghai on `date`. */
export const nineAm = (date: string) => new Date(`${date}T01:00:00Z`);

/** A Wednesday, an ordinary working day. Monthly deadlines (11-30) are 12 days away. */
export const WORKDAY = '2026-11-18';

export const W1 = 'U0WORKER01';
export const W2 = 'U0WORKER02';
export const W3 = 'U0WORKER03';
export { MANAGER, STRANGER } from './staff-ids.js';
export const STAFF_ADMIN = 'U0ADMIN002';

export const MEIHUA_CHANNEL = 'C0MEIHUA';
export const DAXUE_CHANNEL = 'C0DAXUE';
/** Every note in the fixtures contains this: no payload may ever carry it. */
export const NOTE_MARK = 'NOTE-私密';

export async function community(prisma: Prisma, name: string, channelId: string | null): Promise<number> {
  return (await prisma.community.create({ data: { name, channelId } })).id;
}

export async function staff(prisma: Prisma, slackUserId: string, role: 'worker' | 'manager' | 'admin', communityIds: number[], locale?: 'en'): Promise<number> {
  const row = await prisma.staff.create({
    data: { slackUserId, displayName: slackUserId, role, ...(locale ? { locale } : {}), memberships: { create: communityIds.map((communityId) => ({ communityId })) } },
  });
  return row.id;
}

export interface ClientSpec {
  caseNumber: string;
  alias: string;
  communityId: number;
  caseworkerId: number;
  program?: Program;
  termStart?: string;
  visits?: string[];
  visitKind?: VisitKind;
  checkIns?: string[];
  tests?: { date: string; result: UrineResult }[];
}

/** A client with notes everywhere notes can be, and the events given. */
export async function client(prisma: Prisma, spec: ClientSpec): Promise<number> {
  const termStart = spec.termStart ?? '2026-06-01';
  const end = `${Number(termStart.slice(0, 4)) + 2}${termStart.slice(4)}`;
  const created = await prisma.client.create({
    data: {
      caseNumber: spec.caseNumber,
      alias: spec.alias,
      ...aliasPinyin(spec.alias),
      communityId: spec.communityId,
      program: spec.program ?? 'community_treatment',
      termStart: toDbDate(termStart),
      plannedTermEnd: toDbDate(end),
      caseworkerId: spec.caseworkerId,
      notes: `${NOTE_MARK} intake ${spec.caseNumber}`,
      createdBy: 'U0ADMIN01',
    },
  });
  const by = spec.caseworkerId;
  for (const date of spec.visits ?? []) {
    await prisma.visit.create({ data: { clientId: created.id, date: toDbDate(date), kind: spec.visitKind ?? 'home', recordedById: by, notes: `${NOTE_MARK} visit` } });
  }
  for (const date of spec.checkIns ?? []) {
    await prisma.checkIn.create({ data: { clientId: created.id, date: toDbDate(date), recordedById: by, notes: `${NOTE_MARK} check-in` } });
  }
  for (const test of spec.tests ?? []) {
    await prisma.urineTest.create({ data: { clientId: created.id, date: toDbDate(test.date), result: test.result, recordedById: by, notes: `${NOTE_MARK} test` } });
  }
  return created.id;
}

export interface Seeded {
  meihua: number;
  daxue: number;
  dongyuan: number;
  staff: Record<string, number>;
  clients: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'D2' | 'U', number>;
}

/**
 * 梅花碑 (linked): on WORKDAY, C's visit is 49 days overdue, A's 18 days (both W1's), B's test
 * is due today and E's due in 3 days (both W2's); D (W1's) has nothing due.
 * 大学路 (linked): one client with nothing due. 东园 (not linked): one client overdue.
 */
export async function seed(prisma: Prisma): Promise<Seeded> {
  const meihua = await community(prisma, '梅花碑社区', MEIHUA_CHANNEL);
  const daxue = await community(prisma, '大学路社区', DAXUE_CHANNEL);
  const dongyuan = await community(prisma, '东园社区', null);
  const ids = {
    [W1]: await staff(prisma, W1, 'worker', [meihua]),
    [W2]: await staff(prisma, W2, 'worker', [meihua]),
    [W3]: await staff(prisma, W3, 'worker', [daxue, dongyuan]),
    [MANAGER]: await staff(prisma, MANAGER, 'manager', [daxue]),
    [STAFF_ADMIN]: await staff(prisma, STAFF_ADMIN, 'admin', []),
  };
  const nov = { checkIns: ['2026-11-02'], tests: [{ date: '2026-11-02', result: 'negative' as const }] };
  const clients = {
    A: await client(prisma, { caseNumber: 'MH-001', alias: '赵某甲', communityId: meihua, caseworkerId: ids[W1]!, visits: ['2026-09-15'], ...nov }),
    B: await client(prisma, {
      caseNumber: 'MH-002', alias: '钱某乙', communityId: meihua, caseworkerId: ids[W2]!, termStart: '2026-09-19',
      visits: ['2026-11-02'], checkIns: ['2026-11-02'], tests: [{ date: '2026-10-01', result: 'negative' }],
    }),
    C: await client(prisma, { caseNumber: 'MH-003', alias: '孙某丙', communityId: meihua, caseworkerId: ids[W1]!, visits: ['2026-08-20'], ...nov }),
    D: await client(prisma, { caseNumber: 'MH-004', alias: '李某丁', communityId: meihua, caseworkerId: ids[W1]!, visits: ['2026-11-02'], ...nov }),
    E: await client(prisma, {
      caseNumber: 'MH-005', alias: '周某戊', communityId: meihua, caseworkerId: ids[W2]!, termStart: '2026-09-22',
      visits: ['2026-11-02'], checkIns: ['2026-11-02'], tests: [{ date: '2026-10-01', result: 'negative' }],
    }),
    D2: await client(prisma, { caseNumber: 'DX-001', alias: '吴某己', communityId: daxue, caseworkerId: ids[W3]!, visits: ['2026-11-02'], ...nov }),
    U: await client(prisma, { caseNumber: 'DY-001', alias: '郑某庚', communityId: dongyuan, caseworkerId: ids[W3]!, visits: ['2026-08-01'], ...nov }),
  };
  return { meihua, daxue, dongyuan, staff: ids, clients };
}

/** The bot's own job dependencies (its real Web API clients), with what a test changes (the clock). */
export function jobDeps(app: TestBot, overrides: Partial<DueJobDeps> = {}): DueJobDeps {
  return { ...app.bot.ctx.dueJob, ...overrides };
}

/** The messages posted to a channel (chat.postMessage), in order. */
export function postsTo(app: TestBot, channel: string): Json[] {
  return app.fake.callsOf('chat.postMessage').map((c) => c.args).filter((a) => a.channel === channel);
}

/** Text of every section of a message, in order. */
export function sectionTexts(message: Json): string[] {
  return ((message.blocks as Json[]) ?? []).filter((b) => b.type === 'section').map((b) => String((b.text as Json).text));
}

/** The log-visit buttons of a message: client id → its line. */
export function buttons(message: Json): { value: string; line: string }[] {
  return ((message.blocks as Json[]) ?? [])
    .filter((b) => b.type === 'section' && b.accessory)
    .map((b) => ({ value: String((b.accessory as Json).value), line: String((b.text as Json).text), actionId: String((b.accessory as Json).action_id) }))
    .filter((b) => b.actionId === 'log_visit')
    .map(({ value, line }) => ({ value, line }));
}
