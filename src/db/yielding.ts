// PGlite runs PostgreSQL inside the bot's own thread, and a query runs to its end without
// letting go of it. A request's queries, chained by promises that settle at once, then run back
// to back as microtasks: while one request does its database work, no other HTTP request is
// even read, so a burst of commands waited for each other's queries before being acknowledged
// (issue 15: 50 /visit at once, ack p99 4× a bare Bolt app's). Going back to the event loop
// before each query lets requests that arrived meanwhile be read and acknowledged in between;
// the work done is the same. The PostgreSQL server needs none of this: its queries wait on a
// socket.
import { setImmediate as turn } from 'node:timers/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';

type Query = PGlite['query'];

/**
 * One query per turn of the event loop. Queries that each awaited their own setImmediate would
 * all run in the same turn (Node runs every immediate queued before the turn began), a burst's
 * whole database work again between two reads of the sockets; chained, each one's immediate is
 * queued from the one before it and lands in the next turn, after the sockets were read.
 */
let turns: Promise<void> = Promise.resolve();
function nextTurn(): Promise<void> {
  turns = turns.then(() => turn());
  return turns;
}

function yieldingQuery(query: Query, self: object): Query {
  return (async (...args: Parameters<Query>) => {
    await nextTurn();
    return query.apply(self, args);
  }) as Query;
}

/** `target` with `query` going back to the event loop first; `extra` replaces other members. */
function withYieldingQuery<T extends { query: Query }>(target: T, extra: Record<string | symbol, unknown> = {}): T {
  return new Proxy(target, {
    get(object, prop) {
      if (prop === 'query') return yieldingQuery(object.query, object);
      if (prop in extra) return extra[prop];
      // PGlite keeps its state in private fields: its methods must run on the object itself.
      const value: unknown = Reflect.get(object, prop, object);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** The PGlite the Prisma adapter is given: every query, in a transaction or not, yields first. */
export function yielding(pglite: PGlite): PGlite {
  return withYieldingQuery(pglite, {
    transaction: <T>(callback: (tx: Transaction) => Promise<T>) => pglite.transaction((tx) => callback(withYieldingQuery(tx))),
  });
}
