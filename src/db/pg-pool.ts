// A pg pool that keeps a connection whose statement the server refused. pg's `pool.query` closes
// the connection behind every failed query, whatever failed. Here refusals are routine: a claim
// (daily due list, weekly report, confirmation) inserts its row and reads a unique violation as
// "already there", so a restart's catch-up over 2,000 communities opened 2,000 connections, and
// each new one starts with cold caches (15 → 55 s of catch-up on the city bench). A refused
// statement leaves its session as it was; a lost connection is still dropped and replaced.
import pg from 'pg';

/**
 * SQLSTATE classes of a statement refused while its session lives on: cardinality, data,
 * integrity, transaction rollback (serialization, deadlock), syntax or access, object state,
 * PL/pgSQL raise. Connection, resource, shutdown and internal errors are not among them.
 */
const REFUSED_STATEMENT_CLASSES = new Set(['21', '22', '23', '40', '42', '55', 'P0']);

function isRefusedStatement(error: unknown): boolean {
  return error instanceof pg.DatabaseError && typeof error.code === 'string' && REFUSED_STATEMENT_CLASSES.has(error.code.slice(0, 2));
}

type QueryArgs = [config: pg.QueryConfig, values?: unknown[]];

/**
 * A pool whose promise-form `query(config)` — one parameterised statement outside a transaction,
 * the form Prisma's adapter sends — returns its connection after a refused statement. Other
 * forms (a text script, a callback) keep pg's behaviour: a script may have opened a transaction.
 */
export function refusalKeepingPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  const plain = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const keeping = async (...[query, values]: QueryArgs): Promise<pg.QueryResult> => {
    const client = await pool.connect();
    let result: pg.QueryResult;
    try {
      result = await client.query(query, values);
    } catch (error) {
      client.release(isRefusedStatement(error) ? undefined : (error as Error));
      throw error;
    }
    client.release();
    return result;
  };
  const isConfig = (x: unknown): x is pg.QueryConfig => typeof x === 'object' && x !== null && 'text' in x && !('submit' in x);
  pool.query = ((...args: unknown[]) =>
    isConfig(args[0]) && !args.some((arg) => typeof arg === 'function') ? keeping(...(args as QueryArgs)) : plain(...args)) as pg.Pool['query'];
  return pool;
}
