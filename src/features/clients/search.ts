// Finding a client by what a caseworker types: a case-number prefix, part of the alias, or the
// alias's pinyin (`zhao`, `zhaomoujia`) or initials (`zmj`) — typing Chinese on a phone is slow.
// Only clients the actor may read are searched; every search is audited with the length of
// what was typed, never the text itself. The trigram indexes of migration
// 20261128222355_client_search keep this fast at 50,000 clients.
import { readScope, type Actor } from '../../domain/access.js';
import { CLIENT_STATUSES, type ClientStatus } from '../../domain/types.js';
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

/**
 * One way of matching, with the rank it gives: at most `limit` of its matches, in the final
 * order within a rank (active clients first, then by case number). A client's rank is the best
 * of the ways it matches, and the overall first `limit` are always among these (whatever ranks
 * before a client in the result also ranks before it in each way it matches), so no way needs
 * more than `limit` rows: a query matching thousands of clients stops after the first hundred in
 * index order instead of ranking them all.
 */
function best(rank: number, where: Sql.Sql, limit: Sql.Sql, split: boolean): Sql.Sql {
  if (!split) {
    return Sql.sql`(SELECT id, ${number(rank)} AS rank FROM "Client" WHERE ${where}
      ORDER BY (status = 'active') DESC, "caseNumber" LIMIT ${limit})`;
  }
  // Active and other clients apart: each walks the ("status", "caseNumber") index in order and
  // stops at `limit` matches when the planner expects many; the others by their statuses (an
  // index condition, where `<> 'active'` would read every client).
  return Sql.sql`(SELECT id, ${number(rank)} AS rank FROM "Client" WHERE status = 'active' AND (${where})
      ORDER BY "caseNumber" LIMIT ${limit})
    UNION ALL (SELECT id, ${number(rank)} AS rank FROM "Client" WHERE status IN (${NOT_ACTIVE}) AND (${where})
      ORDER BY "caseNumber" LIMIT ${limit})`;
}

/** Our own constants, written into the SQL (a parameter would be text, not a ClientStatus). */
const NOT_ACTIVE = Sql.raw(
  CLIENT_STATUSES.filter((status) => status !== 'active')
    .map((status) => `'${status}'`)
    .join(', '),
);

/** Whether `text` has no upper or lower case (Chinese, digits): ILIKE then matches as LIKE does. */
const caseless = (text: string) => text === text.toLowerCase() && text === text.toUpperCase();

type Row = Omit<ClientMatch, 'status'> & { status: string };

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
  const n = number(Math.max(1, Math.min(Math.trunc(limit), MAX_RESULTS)));
  // ILIKE lower-cases every client's text: not needed for text without case, such as an alias.
  const like = caseless(text) ? Sql.raw('LIKE') : Sql.raw('ILIKE');
  let rows: Row[];
  if (scope !== 'all') {
    // A caseworker's communities hold a few hundred clients: one pass over them ranks them all.
    // One letter is the start of initials (`z` → zmj); inside a pinyin it would match nearly all.
    const byPinyin =
      pinyin === ''
        ? Sql.empty
        : pinyin.length === 1
          ? Sql.sql`OR "aliasInitials" LIKE ${pinyinPrefix}`
          : Sql.sql`OR "aliasPinyin" LIKE ${pinyinPart} OR "aliasInitials" LIKE ${pinyinPrefix}`;
    rows = await prisma.$queryRaw<Row[]>`
      SELECT id, "caseNumber", alias, status::text AS status, "communityId",
        CASE
          WHEN lower("caseNumber") = ${lower} THEN ${number(RANK.exactCaseNumber)}
          WHEN "caseNumber" ${like} ${casePrefix} THEN ${number(RANK.caseNumberPrefix)}
          WHEN alias = ${text} THEN ${number(RANK.exactAlias)}
          WHEN alias ${like} ${aliasPart} THEN ${number(RANK.alias)}
          WHEN ${pinyin} <> '' AND ("aliasPinyin" LIKE ${pinyinPrefix} OR "aliasInitials" LIKE ${pinyinPrefix}) THEN ${number(RANK.pinyinPrefix)}
          ELSE ${number(RANK.pinyin)}
        END AS rank
      FROM "Client"
      WHERE ("caseNumber" ${like} ${casePrefix} OR alias ${like} ${aliasPart} ${byPinyin}) AND "communityId" IN (${Sql.join(scope)})
      ORDER BY rank, (status = 'active') DESC, "caseNumber"
      LIMIT ${n}`;
  } else {
    // Every client (admins, managers): thousands may match; each way stops at its first `limit`.
    const ways = [
      // (I)LIKE without a wildcard: the same match as lower() =, through the trigram index.
      best(RANK.exactCaseNumber, Sql.sql`lower("caseNumber") = ${lower} AND "caseNumber" ${like} ${literal(text)}`, n, false),
      // Split only for one or two characters, which start most case numbers (`h`, `hz`): a longer
      // prefix selects a run of case numbers the index order may reach only late.
      best(RANK.caseNumberPrefix, Sql.sql`"caseNumber" ${like} ${casePrefix}`, n, text.length <= 2),
      best(RANK.exactAlias, Sql.sql`alias = ${text}`, n, false),
    ];
    // A rank-4 client matches by its initials when the pinyin is one letter (the pass above).
    if (pinyin.length === 1) ways.push(best(RANK.pinyinPrefix, Sql.sql`"aliasInitials" LIKE ${pinyinPrefix}`, n, true));
    if (pinyin.length > 1) {
      ways.push(best(RANK.pinyinPrefix, Sql.sql`"aliasPinyin" LIKE ${pinyinPrefix} OR "aliasInitials" LIKE ${pinyinPrefix}`, n, true));
    }
    if (pinyin.length > 1 && text.length <= 2) {
      // Two letters (`zm`): no trigram helps either substring, so both are read in one pass over
      // the clients rather than one each, ranked before the limit.
      ways.push(Sql.sql`(SELECT id, CASE WHEN alias ${like} ${aliasPart} THEN ${number(RANK.alias)} ELSE ${number(RANK.pinyin)} END AS rank
        FROM "Client" WHERE alias ${like} ${aliasPart} OR "aliasPinyin" LIKE ${pinyinPart}
        ORDER BY rank, (status = 'active') DESC, "caseNumber" LIMIT ${n})`);
    } else {
      ways.push(best(RANK.alias, Sql.sql`alias ${like} ${aliasPart}`, n, true));
      if (pinyin.length > 1) ways.push(best(RANK.pinyin, Sql.sql`"aliasPinyin" LIKE ${pinyinPart}`, n, true));
    }
    rows = await prisma.$queryRaw<Row[]>`
      SELECT c.id, c."caseNumber", c.alias, c.status::text AS status, c."communityId", m.rank
      FROM (SELECT id, min(rank) AS rank FROM (${Sql.join(ways, ' UNION ALL ')}) ways GROUP BY id) m
      JOIN "Client" c ON c.id = m.id
      ORDER BY m.rank, (c.status = 'active') DESC, c."caseNumber"
      LIMIT ${n}`;
  }
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
