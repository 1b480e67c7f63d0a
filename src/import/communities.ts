// Rows of a communities file: created or updated by name (ignoring case, as /caseload does).
// An empty cell leaves what is stored as it is; a channel serves one community.
import { z } from 'zod';
import type { Db } from '../db/audit.js';
import { MAX_COMMUNITY_NAME } from '../features/admin/communities.js';
import { parseFields } from '../problems.js';
import { inputOf, nameCell, RowProblems, SLACK_CHANNEL_ID, type Change, type KindPlan, type Row } from './rows.js';

const MAX_CODE = 32;

const FIELDS = {
  name: nameCell(MAX_COMMUNITY_NAME, 'import.error.community.name'),
  code: z.string('import.error.community.code').max(MAX_CODE, 'import.error.community.code').optional(),
  channel_id: z.string('import.error.channel').regex(SLACK_CHANNEL_ID, 'import.error.channel').optional(),
};

export async function planCommunities(db: Db, rows: Row<'communities'>[]): Promise<KindPlan<'communities'>> {
  const plan: KindPlan<'communities'> = { problems: [], changes: [] };
  const existing = await db.community.findMany({ select: { id: true, name: true, code: true, channelId: true } });
  const byName = new Map(existing.map((c) => [c.name.toLowerCase(), c]));
  const channelHolder = new Map(existing.flatMap((c) => (c.channelId ? [[c.channelId, c.name] as const] : [])));
  const seen = new Map<string, number>();
  for (const row of rows) {
    const problems = new RowProblems<'communities'>(row.line);
    const parsed = parseFields(FIELDS, inputOf(row.cells), 'import.error.invalid');
    for (const p of parsed.problems) problems.add(p.field as 'name', p.key, p.params);
    const { name, code, channel_id: channelId } = parsed.values;
    const key = name?.toLowerCase();
    const earlier = key === undefined ? undefined : seen.get(key);
    if (earlier !== undefined) problems.add('name', 'import.error.duplicateRow', { line: earlier });
    if (key !== undefined) seen.set(key, row.line);
    const current = key === undefined ? undefined : byName.get(key);
    const holder = channelId === undefined ? undefined : channelHolder.get(channelId);
    if (channelId && holder !== undefined && holder.toLowerCase() !== key) problems.add('channel_id', 'import.error.channel.taken', { channel: channelId, other: holder });
    if (problems.list.length > 0 || name === undefined) {
      plan.problems.push(...problems.list);
      continue;
    }
    if (channelId) channelHolder.set(channelId, current?.name ?? name);
    plan.changes.push(communityChange(row.line, name, code, channelId, current));
  }
  return plan;
}

function communityChange(
  line: number,
  name: string,
  code: string | undefined,
  channelId: string | undefined,
  current: { id: number; code: string | null; channelId: string | null } | undefined,
): Change {
  if (!current) {
    return { line, outcome: 'created', write: async (tx) => void (await tx.community.create({ data: { name, code: code ?? null, channelId: channelId ?? null } })) };
  }
  const data = {
    ...(code !== undefined && code !== current.code ? { code } : {}),
    ...(channelId !== undefined && channelId !== current.channelId ? { channelId } : {}),
  };
  if (Object.keys(data).length === 0) return { line, outcome: 'unchanged' };
  return { line, outcome: 'updated', write: async (tx) => void (await tx.community.update({ where: { id: current.id }, data })) };
}
