// Finding a client by what a caseworker types: a case-number prefix, part of the alias, or the
// alias's pinyin (`zhao`, `zhaomoujia`) or initials (`zmj`) — typing Chinese on a phone is slow.
// Only clients the actor may read are searched; every search is audited with the length of
// what was typed, never the text itself. The trigram indexes of migration
// 20261128222355_client_search keep this fast at 50,000 clients.
import { readScope, type Actor } from '../../domain/access.js';
import type { ClientStatus } from '../../domain/types.js';
import { auditRead } from '../../db/audit.js';
import type { Prisma } from '../../db/client.js';
import { Prisma as Sql } from '../../generated/prisma/client.js';

export interface ClientMatch {
  id: number;
  caseNumber: string;
  alias: string;
  status: ClientStatus;
  communityId: number;
  /** How well it matched, best first: see RANK. */
  rank: number;
}

/** Best matches first; a lower rank is a better match. */
export const RANK = {
  exactCaseNumber: 0,
  caseNumberPrefix: 1,
  exactAlias: 2,
  alias: 3,
  pinyinPrefix: 4,
  pinyin: 5,
} as const;

export const MAX_RESULTS = 100;
/** Longer queries match nothing anyway (case numbers have at most 32 characters). */
const MAX_QUERY = 64;

/** Our own integer constants, written into the SQL rather than sent as untyped parameters. */
const number = (n: number) => Sql.raw(String(n));

/** A LIKE pattern matching `text` literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

async function findClients(prisma: Prisma, actor: Actor, query: string, limit: number): Promise<ClientMatch[]> {
  const scope = readScope(actor);
  const text = query.trim().slice(0, MAX_QUERY);
  if (text === '' || (scope !== 'all' && scope.length === 0)) return [];
  const lower = text.toLowerCase();
  // Pinyin is stored as lower-case letters only: `Zhao Mou` and `zhao'mou` both mean zhaomou.
  const pinyin = lower.replace(/[^a-z0-9]/g, '');
  const casePrefix = `${literal(text)}%`;
  const aliasPart = `%${literal(text)}%`;
  const pinyinPrefix = `${literal(pinyin)}%`;
  const pinyinPart = `%${literal(pinyin)}%`;
  // One letter is the start of initials (`z` → zmj); inside a pinyin it would match nearly all.
  const byPinyin =
    pinyin === ''
      ? Sql.empty
      : pinyin.length === 1
        ? Sql.sql`OR "aliasInitials" LIKE ${pinyinPrefix}`
        : Sql.sql`OR "aliasPinyin" LIKE ${pinyinPart} OR "aliasInitials" LIKE ${pinyinPrefix}`;
  const inScope = scope === 'all' ? Sql.empty : Sql.sql`AND "communityId" IN (${Sql.join(scope)})`;
  const rows = await prisma.$queryRaw<(Omit<ClientMatch, 'status'> & { status: string })[]>`
    SELECT id, "caseNumber", alias, status::text AS status, "communityId",
      CASE
        WHEN lower("caseNumber") = ${lower} THEN ${number(RANK.exactCaseNumber)}
        WHEN "caseNumber" ILIKE ${casePrefix} THEN ${number(RANK.caseNumberPrefix)}
        WHEN alias = ${text} THEN ${number(RANK.exactAlias)}
        WHEN alias ILIKE ${aliasPart} THEN ${number(RANK.alias)}
        WHEN ${pinyin} <> '' AND ("aliasPinyin" LIKE ${pinyinPrefix} OR "aliasInitials" LIKE ${pinyinPrefix}) THEN ${number(RANK.pinyinPrefix)}
        ELSE ${number(RANK.pinyin)}
      END AS rank
    FROM "Client"
    WHERE ("caseNumber" ILIKE ${casePrefix} OR alias ILIKE ${aliasPart} ${byPinyin}) ${inScope}
    ORDER BY rank, (status = 'active') DESC, "caseNumber"
    LIMIT ${number(Math.max(1, Math.min(Math.trunc(limit), MAX_RESULTS)))}`;
  return rows.map((r) => ({ ...r, id: Number(r.id), communityId: Number(r.communityId), rank: Number(r.rank), status: r.status as ClientStatus }));
}

/** Clients the actor may read matching `query`, best first, at most `limit` (≤ 100). Audited. */
export async function searchClients(prisma: Prisma, actor: Actor, query: string, limit = MAX_RESULTS): Promise<ClientMatch[]> {
  const found = await findClients(prisma, actor, query, limit);
  await auditRead(prisma, {
    actor: actor.userId,
    action: 'client.search',
    entity: 'client',
    // Which clients it showed, so that each client's access log lists the search.
    detail: { queryLength: query.trim().length, results: found.length, clientIds: found.map((c) => c.id) },
  });
  return found;
}

/**
 * The one client `text` designates, if any: the only exact case number or alias match, else the
 * only match at all. Used to preselect the client when a command names one. Audited.
 */
export async function lookupClient(prisma: Prisma, actor: Actor, text: string): Promise<{ client: ClientMatch | undefined; matches: number }> {
  const found = await findClients(prisma, actor, text, MAX_RESULTS);
  const exact = found.filter((c) => c.rank === RANK.exactCaseNumber || c.rank === RANK.exactAlias);
  const client = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
  await auditRead(prisma, {
    actor: actor.userId,
    action: 'client.lookup',
    entity: 'client',
    entityId: client?.id ?? null,
    communityId: client?.communityId ?? null,
    detail: { queryLength: text.trim().length, results: found.length },
  });
  return { client, matches: found.length };
}
