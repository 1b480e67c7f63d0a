// Writes the demo sub-district (data.ts) into a database, in one transaction, the way the bot
// itself stores clients: planned term ends from the one anniversary rule, pinyin for search,
// status periods for leave, suspension and exits, records with their urine tests. Refuses a
// database that holds anything but demo data; a second run finds the demo there and does nothing.
import { audit } from '../db/audit.js';
import type { Prisma } from '../db/client.js';
import { toDbDate } from '../db/dates.js';
import type { LocalDate } from '../domain/dates.js';
import { plannedTermEndOf } from '../domain/schedule.js';
import { aliasPinyin } from '../features/clients/pinyin.js';
import { DEMO_CASE_PREFIX, DEMO_COMMUNITIES, DEMO_USER_PREFIX, demoSubDistrict, type DemoClient } from './data.js';

/** Placeholder ids swapped for a trial workspace's own: Slack user ids and community channel ids. */
export interface DemoIds {
  users?: Record<string, string>;
  channels?: Record<string, string>;
}

export type DemoResult =
  | { kind: 'seeded'; communities: number; staff: number; clients: number; records: number }
  | { kind: 'present' }
  | { kind: 'refused'; reason: 'notDemo' };

/** Whether the database holds anything that is not the demo. */
async function foreignData(prisma: Prisma): Promise<boolean> {
  const [clients, staff, communities] = await Promise.all([
    prisma.client.count({ where: { NOT: { caseNumber: { startsWith: DEMO_CASE_PREFIX } } } }),
    prisma.staff.count({ where: { NOT: { displayName: { endsWith: '（演示）' } } } }),
    prisma.community.count({ where: { name: { notIn: [...DEMO_COMMUNITIES] } } }),
  ]);
  return clients + staff + communities > 0;
}

/** The status period a client's status needs, if any. */
function periodOf(c: DemoClient): { status: DemoClient['status']; startsOn: Date; endsOn: Date | null; reason: string; receivingPlace: string | null } | null {
  if (c.status === 'active' || c.statusFrom === null) return null;
  const reasons: Record<DemoClient['status'], string> = {
    active: '',
    on_leave: '外出务工（演示）',
    suspended: '被公安机关拘留（演示）',
    completed: '期满（演示）',
    terminated: '被决定强制隔离戒毒（演示）',
    transferred_out: '户籍迁出（演示）',
  };
  return {
    status: c.status,
    startsOn: toDbDate(c.statusFrom),
    endsOn: c.statusUntil ? toDbDate(c.statusUntil) : null,
    reason: reasons[c.status],
    receivingPlace: c.status === 'transferred_out' ? '西湖区北山街道（演示）' : null,
  };
}

export async function seedDemo(prisma: Prisma, today: LocalDate, ids: DemoIds = {}, actor = 'demo'): Promise<DemoResult> {
  if (await foreignData(prisma)) return { kind: 'refused', reason: 'notDemo' };
  if ((await prisma.client.count()) > 0) return { kind: 'present' };
  const demo = demoSubDistrict(today);
  const user = (placeholder: string) => ids.users?.[placeholder] ?? placeholder;
  let records = 0;
  await prisma.$transaction(
    async (tx) => {
      const communityIds: number[] = [];
      for (const name of DEMO_COMMUNITIES) {
        const row = await tx.community.create({ data: { name, channelId: ids.channels?.[name] ?? null } });
        communityIds.push(row.id);
      }
      const staffIds = new Map<string, number>();
      for (const s of demo.staff) {
        const row = await tx.staff.create({
          data: {
            slackUserId: user(s.slackUserId),
            displayName: s.displayName,
            role: s.role,
            memberships: { create: s.communities.map((i) => ({ communityId: communityIds[i]! })) },
          },
        });
        staffIds.set(s.slackUserId, row.id);
      }
      for (const c of demo.clients) {
        const caseworkerId = staffIds.get(c.caseworker)!;
        const client = await tx.client.create({
          data: {
            caseNumber: c.caseNumber,
            alias: c.alias,
            ...aliasPinyin(c.alias),
            communityId: communityIds[c.community]!,
            program: c.program,
            termStart: toDbDate(c.termStart),
            reportedOn: toDbDate(c.termStart),
            termMonths: c.termMonths,
            plannedTermEnd: toDbDate(plannedTermEndOf(c.termStart, c.termMonths)),
            status: c.status === 'on_leave' ? 'on_leave' : c.status,
            caseworkerId,
            createdBy: user(DEMO_USER_PREFIX + '001'),
          },
        });
        const period = periodOf(c);
        if (period) await tx.clientStatusPeriod.create({ data: { clientId: client.id, previousStatus: 'active', recordedById: caseworkerId, ...period } });
        for (const r of c.records) {
          const base = { clientId: client.id, date: toDbDate(r.date), recordedById: caseworkerId };
          const link = r.kind
            ? { visitId: (await tx.visit.create({ data: { ...base, kind: r.kind } })).id }
            : { checkInId: (await tx.checkIn.create({ data: base })).id };
          if (r.urine) await tx.urineTest.create({ data: { ...base, result: r.urine, ...link } });
          records += 1;
        }
      }
      await audit(tx, {
        actor,
        action: 'demo.seed',
        entity: 'demo',
        entityId: 'xiaoying',
        communityId: null,
        detail: { communities: DEMO_COMMUNITIES.length, staff: demo.staff.length, clients: demo.clients.length, records },
      });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { kind: 'seeded', communities: DEMO_COMMUNITIES.length, staff: demo.staff.length, clients: demo.clients.length, records };
}
