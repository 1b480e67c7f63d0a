// A consistent copy of a running embedded database, taken without stopping it: the data folder
// as PGlite holds it, as a gzipped tarball. PGlite runs one statement at a time, and its
// transaction lock waits for a transaction under way (Prisma's interactive ones included) to
// end, so the copy holds exactly the transactions committed before it: the files as a crash at
// that instant would leave them, which PostgreSQL's recovery replays from the write-ahead log
// when the copy is opened (no CHECKPOINT first: on a synced database it would hold the bot up
// for seconds). The lock is held only while the files are read (about a second for a year of a
// sub-district); compressing happens after, off the main thread, while the bot answers again.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';

const compress = promisify(gzip);

export async function snapshotOf(pglite: PGlite): Promise<Uint8Array> {
  const tarball = await pglite._runExclusiveTransaction(async () => new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  return new Uint8Array(await compress(tarball));
}
