// The domain's open file (src/domain/active.ts) as query fragments, so the overview, the
// caseload, the due lists and a caseworker's removal all read the same statuses.
import { TERMINAL_STATUSES } from '../domain/types.js';
import { Prisma as Sql } from '../generated/prisma/client.js';

/** A Prisma `where` on Client: the file is open. */
export const OPEN_FILE = { status: { notIn: [...TERMINAL_STATUSES] } } satisfies Sql.ClientWhereInput;

/** SQL: the statuses as literals, `'a', 'b'`, so the planner sees the enum values themselves. */
export const statusLiterals = (statuses: readonly string[]): Sql.Sql => Sql.raw(statuses.map((s) => `'${s}'`).join(', '));

/** SQL on "Client" c: the file is open. */
export const OPEN_FILE_SQL = Sql.sql`c.status NOT IN (${statusLiterals(TERMINAL_STATUSES)})`;
