// Several writes settle a race by letting a unique key pick the winner; they all need to tell
// that refusal from an outage the same way, on PGlite and on a pg server alike.

/**
 * Prisma's P2002: a unique constraint refused a model write (someone else got there first).
 * Both driver adapters turn PostgreSQL's 23505 into it, inside a transaction or not. A raw SQL
 * write reports the same refusal as P2010 instead; no caller settles a race that way.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
