// Changing a client's responsible caseworker or support team (四位一体帮教小组): plain data
// and an actor in, what changed or the problems out. The caseworker must be staff of the
// client's community, as at intake. A member recorded by name only (no Slack account) stays
// unless someone is picked in their place. Saved only if the client is still the version the
// form was opened on; audited with the fields changed and staff ids, never names.
import type { ClientRef } from '../../domain/types.js';
import { audit, clientEntry } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import type { Problem } from '../../problems.js';
import { expectOne, keySaved, onceIfCurrent } from './concurrency.js';
import { TEAM_FORM } from './ids.js';
import { parseForm, teamFields, type FormInput, type TeamValues } from './schema.js';
import { writableClient } from '../clients/writable.js';
import { staleProblem, type ChangeOptions, type ClientTarget } from './status.js';

export const TEAM_ROLES = ['police', 'gridWorker', 'volunteer'] as const;
type TeamRole = (typeof TEAM_ROLES)[number];

const FIELD: Record<TeamRole, (typeof TEAM_FORM)[TeamRole]> = { police: TEAM_FORM.police, gridWorker: TEAM_FORM.gridWorker, volunteer: TEAM_FORM.volunteer };

export interface SavedTeam {
  client: ClientRef;
  /** block_ids of the inputs whose person changed; empty when nothing did. */
  changed: string[];
}

export type TeamResult = { ok: true; duplicate: false; team: SavedTeam } | { ok: true; duplicate: true } | { ok: false; problems: Problem[] };

export async function changeTeam(prisma: Prisma, actor: Actor, target: ClientTarget, input: FormInput, options: ChangeOptions): Promise<TeamResult> {
  if (await keySaved(prisma, options.key)) return { ok: true, duplicate: true };
  const client = await writableClient(prisma, actor, target.clientId);
  if (!client) return { ok: false, problems: [{ field: TEAM_FORM.caseworker, key: 'lifecycle.error.notAllowed' }] };
  if (client.version !== target.version) return { ok: false, problems: [staleProblem(TEAM_FORM.caseworker)] };
  const parsed = parseForm(teamFields, input);
  const caseworkerUserId = parsed.values[TEAM_FORM.caseworker];
  const caseworker = caseworkerUserId
    ? await prisma.staff.findFirst({
        where: { slackUserId: caseworkerUserId, active: true, memberships: { some: { communityId: client.communityId } } },
        select: { id: true },
      })
    : null;
  if (caseworkerUserId && !caseworker) parsed.problems.push({ field: TEAM_FORM.caseworker, key: 'lifecycle.team.error.notStaff' });
  if (parsed.problems.length > 0 || !caseworker) return { ok: false, problems: parsed.problems };
  const v = parsed.values as TeamValues;
  const data: Record<string, string | number | null> = {};
  const changed: string[] = [];
  if (caseworker.id !== client.caseworkerId) {
    data.caseworkerId = caseworker.id;
    changed.push(TEAM_FORM.caseworker);
  }
  for (const role of TEAM_ROLES) {
    const picked = v[FIELD[role]];
    const [userKey, nameKey] = [`${role}UserId`, `${role}Name`] as const;
    if (picked === client[userKey] || (picked === null && client[userKey] === null)) continue;
    // Someone picked replaces a name-only member; an emptied input removes a Slack member.
    data[userKey] = picked;
    if (picked !== null) data[nameKey] = null;
    changed.push(FIELD[role]);
  }
  const ref: ClientRef = { id: client.id, caseNumber: client.caseNumber, alias: client.alias, communityId: client.communityId };
  if (changed.length === 0) return { ok: true, duplicate: false, team: { client: ref, changed } };
  const saved = await onceIfCurrent(prisma, options.key, 'client_team', async (tx) => {
    expectOne(await tx.client.updateMany({ where: { id: client.id, version: target.version }, data: { ...data, version: { increment: 1 } } }));
    await audit(tx, clientEntry(actor.userId, 'client.team', client, {
      changed,
      caseworkerFrom: client.caseworkerId,
      caseworkerTo: caseworker.id,
    }));
    return { id: client.id };
  });
  if (saved.kind === 'duplicate') return { ok: true, duplicate: true };
  if (saved.kind === 'stale') return { ok: false, problems: [staleProblem(TEAM_FORM.caseworker)] };
  return { ok: true, duplicate: false, team: { client: ref, changed } };
}
