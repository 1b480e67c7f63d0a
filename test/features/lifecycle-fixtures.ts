// A small sub-district for the lifecycle and corrections tests, on Sunday 2025-06-01. Communities,
// staff, clients and their past records belong to other features: seeded as those features leave
// them. Every date below was worked out by hand from the schedule rules (社区康复: 6 tests a year,
// in windows of two months from the report-in date; one face-to-face visit and one check-in a
// calendar month).
import type { Prisma } from '../../src/db/client.js';
import { toDbDate } from '../../src/db/dates.js';
import type { Json } from '../support/fake-slack.js';
import { interactionBody } from '../support/slack-http.js';
import { TEAM, type TestBot } from '../support/test-bot.js';
import { addClient } from './visits-fixtures.js';
import { WORKER, WORKER_EN, OTHER_WORKER, MANAGER } from './staff-ids.js';

/** Sunday 2025-06-01 10:00 in Asia/Shanghai; ISO week 2025-W22 runs 05-26 … 06-01. */
export const NOW = new Date('2025-06-01T02:00:00Z');
export const TODAY = '2025-06-01';

export { WORKER, WORKER_EN, OTHER_WORKER, MANAGER, STRANGER, POLICE } from './staff-ids.js';

export interface World {
  meihua: number;
  daxue: number;
  staff: Record<string, number>;
  /**
   * zhao MH-001 赵某甲: term 2025-01-10 … 2028-01-09, tested 01-20 — the window 03-10 … 05-09 is
   *   missed today. Police officer recorded by name only.
   * qian MH-002 钱某乙: term 2025-02-05 … 2028-02-04, tested 02-10, met and reported in 04-15 —
   *   today the May visit and check-in are overdue and a test is due by 06-04.
   * li MH-003 李某丙: like qian.
   * sun DX-001 孙某丁 (大学路, OTHER_WORKER).
   */
  clients: { zhao: number; qian: number; li: number; sun: number };
}

export async function seedWorld(prisma: Prisma): Promise<World> {
  const meihua = (await prisma.community.create({ data: { name: '梅花碑' } })).id;
  const daxue = (await prisma.community.create({ data: { name: '大学路' } })).id;
  const staff: Record<string, number> = {};
  const addStaff = async (slackUserId: string, role: 'worker' | 'manager', communityId: number, locale?: 'en') => {
    const row = await prisma.staff.create({
      data: { slackUserId, displayName: slackUserId, role, ...(locale ? { locale } : {}), memberships: { create: { communityId } } },
    });
    staff[slackUserId] = row.id;
  };
  await addStaff(WORKER, 'worker', meihua);
  await addStaff(WORKER_EN, 'worker', meihua, 'en');
  await addStaff(OTHER_WORKER, 'worker', daxue);
  await addStaff(MANAGER, 'manager', meihua);
  const meihuaClient = (caseNumber: string, alias: string, termStart: string, plannedTermEnd: string) =>
    addClient(prisma, { caseNumber, alias, communityId: meihua, caseworkerId: staff[WORKER]!, termStart, plannedTermEnd });
  const clients = {
    zhao: await meihuaClient('MH-001', '赵某甲', '2025-01-10', '2028-01-09'),
    qian: await meihuaClient('MH-002', '钱某乙', '2025-02-05', '2028-02-04'),
    li: await meihuaClient('MH-003', '李某丙', '2025-02-05', '2028-02-04'),
    sun: await addClient(prisma, { caseNumber: 'DX-001', alias: '孙某丁', communityId: daxue, caseworkerId: staff[OTHER_WORKER]!, termStart: '2025-02-05', plannedTermEnd: '2028-02-04' }),
  };
  await prisma.client.update({ where: { id: clients.zhao }, data: { policeName: '王警官' } });
  const by = staff[WORKER]!;
  await prisma.urineTest.createMany({
    data: [
      { clientId: clients.zhao, date: toDbDate('2025-01-20'), result: 'negative', recordedById: by },
      { clientId: clients.qian, date: toDbDate('2025-02-10'), result: 'negative', recordedById: by },
      { clientId: clients.li, date: toDbDate('2025-02-10'), result: 'negative', recordedById: by },
    ],
  });
  for (const clientId of [clients.qian, clients.li]) {
    await prisma.visit.create({ data: { clientId, date: toDbDate('2025-04-15'), kind: 'home', recordedById: by } });
    await prisma.checkIn.create({ data: { clientId, date: toDbDate('2025-04-15'), recordedById: by } });
  }
  return { meihua, daxue, staff, clients };
}

export const block = (view: Json, id: string): Json | undefined => (view.blocks as Json[]).find((b) => b.block_id === id);

/** Every text a person would read in some blocks, in order. */
export function textsOf(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Json)) {
        if (key === 'text' && typeof child === 'string') found.push(child);
        else walk(child);
      }
    }
  };
  walk(blocks);
  return found;
}

/** The buttons of some blocks: action_id and value. */
export function buttonsOf(blocks: Json[]): { action_id: string; value?: string }[] {
  const buttons: Json[] = [];
  for (const b of blocks) {
    if (b.accessory?.type === 'button') buttons.push(b.accessory as Json);
    for (const element of (b.elements as Json[] | undefined) ?? []) if (element.type === 'button') buttons.push(element);
  }
  return buttons.map((b) => ({ action_id: String(b.action_id), ...(b.value === undefined ? {} : { value: String(b.value) }) }));
}

let clicks = 0;

/**
 * Clicks a button inside an open modal, as Slack sends it: the view in the payload, no channel
 * and no response_url. Answers the trigger id (for views.push).
 */
export async function clickInView(app: TestBot, user: string, view: Json, actionId: string, value: string): Promise<string> {
  const triggerId = `trigger-in-view-${++clicks}`;
  const ack = await app.driver.send(
    interactionBody({
      type: 'block_actions',
      team: TEAM,
      user: { id: user, name: user.toLowerCase(), team_id: TEAM.id },
      api_app_id: 'A0APP',
      trigger_id: triggerId,
      container: { type: 'view', view_id: view.id },
      view: { ...view, type: 'modal', state: { values: {} }, hash: 'h1', team_id: TEAM.id, app_id: 'A0APP', bot_id: 'BBOT' },
      actions: [{ type: 'button', action_id: actionId, block_id: 'client_file_actions', value, action_ts: '1700000001.000001' }],
    }),
  );
  if (ack.status !== 200) throw new Error(`click answered ${ack.status}`);
  return triggerId;
}

/** The modal pushed with `triggerId`, with a view id of its own. */
export async function pushedView(app: TestBot, triggerId: string): Promise<Json> {
  const call = await app.fake.waitFor('views.push', (c) => c.args.trigger_id === triggerId);
  return { ...(call.args.view as Json), id: `V-${triggerId}` };
}

/** `/caseload client <text>` → the file modal opened (with a view id). */
export async function openFile(app: TestBot, user: string, text: string): Promise<Json> {
  const { triggerId } = await app.driver.command(user, '/caseload', `client ${text}`);
  return app.driver.openedView(triggerId);
}

/** The errors a refused submission answered, keyed by block_id. */
export async function refusal(app: TestBot, user: string, view: Json, values: Record<string, string | string[] | null>): Promise<Record<string, string>> {
  const answer = await app.driver.submit(user, view, values);
  const body = answer.json() as Json | undefined;
  if (body?.response_action !== 'errors') throw new Error(`expected a refusal, got ${answer.status} ${answer.text}`);
  return body.errors as Record<string, string>;
}

/** Submits a modal and expects it accepted (an empty ack). */
export async function accepted(app: TestBot, user: string, view: Json, values: Record<string, string | string[] | null>): Promise<void> {
  const answer = await app.driver.submit(user, view, values);
  if (answer.status !== 200 || answer.text !== '') throw new Error(`expected acceptance, got ${answer.status} ${answer.text}`);
}
