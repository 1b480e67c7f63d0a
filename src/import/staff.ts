// Rows of a staff file: a person by Slack user id, added to a community with a role. One person
// may have a row per community; their name and role must then agree. An existing person's
// role changes only when the cell names one; adding them to a community reactivates them.
import { z } from 'zod';
import type { Db } from '../db/audit.js';
import { SLACK_USER_ID } from '../domain/slack-ids.js';
import type { StaffRole } from '../domain/types.js';
import { parseFields } from '../problems.js';
import { inputOf, MAX_PERSON_NAME, nameCell, RowProblems, type Change, type KindPlan, type Row } from './rows.js';

const ROLES: Record<string, StaffRole> = {
  专干: 'worker',
  禁毒专干: 'worker',
  worker: 'worker',
  负责人: 'manager',
  manager: 'manager',
  管理员: 'admin',
  admin: 'admin',
};

const FIELDS = {
  slack_user_id: z.string('import.error.slackUserId').regex(SLACK_USER_ID, 'import.error.slackUserId'),
  name: nameCell(MAX_PERSON_NAME, 'import.error.staff.name'),
  community: z.string('import.error.required'),
  role: z
    .string('import.error.role')
    .transform((v) => ROLES[v.toLowerCase()])
    .refine((v) => v !== undefined, 'import.error.role')
    .optional(),
};

interface Person {
  id: number | null;
  displayName: string;
  role: StaffRole;
  active: boolean;
  communities: Set<number>;
  /** The first row of the file naming them, for a conflicting second one. */
  line?: number;
  rowRole?: StaffRole;
}

export async function planStaff(db: Db, rows: Row<'staff'>[]): Promise<KindPlan<'staff'>> {
  const plan: KindPlan<'staff'> = { problems: [], changes: [] };
  const communities = new Map((await db.community.findMany({ select: { id: true, name: true } })).map((c) => [c.name.toLowerCase(), c.id]));
  const stored = await db.staff.findMany({ select: { id: true, slackUserId: true, displayName: true, role: true, active: true, memberships: { select: { communityId: true } } } });
  const people = new Map<string, Person>(
    stored.map((s) => [s.slackUserId, { id: s.id, displayName: s.displayName, role: s.role, active: s.active, communities: new Set(s.memberships.map((m) => m.communityId)) }]),
  );
  const seen = new Map<string, number>();
  for (const row of rows) {
    const problems = new RowProblems<'staff'>(row.line);
    const parsed = parseFields(FIELDS, inputOf(row.cells), 'import.error.invalid');
    for (const p of parsed.problems) problems.add(p.field as 'name', p.key, p.params);
    const { slack_user_id: userId, name, community, role } = parsed.values;
    const communityId = community === undefined ? undefined : communities.get(community.toLowerCase());
    if (community !== undefined && communityId === undefined) problems.add('community', 'import.error.community.unknown', { value: community });
    const person = userId === undefined ? undefined : people.get(userId);
    if (userId !== undefined && communityId !== undefined) {
      const earlier = seen.get(`${userId}:${communityId}`);
      if (earlier !== undefined) problems.add('slack_user_id', 'import.error.duplicateRow', { line: earlier });
      seen.set(`${userId}:${communityId}`, row.line);
    }
    if (person?.line !== undefined && name !== undefined && name !== person.displayName) problems.add('name', 'import.error.staff.conflict', { line: person.line });
    if (person?.line !== undefined && role !== undefined && person.rowRole !== undefined && role !== person.rowRole) {
      problems.add('role', 'import.error.staff.conflict', { line: person.line });
    }
    if (problems.list.length > 0 || userId === undefined || name === undefined || communityId === undefined) {
      plan.problems.push(...problems.list);
      continue;
    }
    plan.changes.push(staffChange(row.line, userId, name, communityId, role, person, people));
  }
  return plan;
}

function staffChange(
  line: number,
  userId: string,
  name: string,
  communityId: number,
  role: StaffRole | undefined,
  person: Person | undefined,
  people: Map<string, Person>,
): Change {
  const addMembership = async (tx: Db) => {
    const staff = await tx.staff.findUniqueOrThrow({ where: { slackUserId: userId }, select: { id: true } });
    await tx.membership.create({ data: { staffId: staff.id, communityId } });
  };
  if (!person) {
    people.set(userId, { id: null, displayName: name, role: role ?? 'worker', active: true, communities: new Set([communityId]), line, ...(role ? { rowRole: role } : {}) });
    return {
      line,
      outcome: 'created',
      write: async (tx) => {
        await tx.staff.create({ data: { slackUserId: userId, displayName: name, role: role ?? 'worker' } });
        await addMembership(tx);
      },
    };
  }
  const data = {
    ...(name !== person.displayName ? { displayName: name } : {}),
    ...(role !== undefined && role !== person.role ? { role } : {}),
    ...(!person.active ? { active: true } : {}),
  };
  const joins = !person.communities.has(communityId);
  person.line ??= line;
  if (role) person.rowRole ??= role;
  Object.assign(person, data);
  person.communities.add(communityId);
  if (Object.keys(data).length === 0 && !joins) return { line, outcome: 'unchanged' };
  return {
    line,
    outcome: 'updated',
    write: async (tx) => {
      if (Object.keys(data).length > 0) await tx.staff.update({ where: { slackUserId: userId }, data });
      if (joins) await addMembership(tx);
    },
  };
}
