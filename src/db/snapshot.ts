// A consistent copy of a running embedded database, taken without stopping it: the data folder
// as PGlite holds it, as a gzipped tarball. PGlite runs one statement at a time, and its
// transaction lock waits for a transaction under way (Prisma's interactive ones included) to
// end, so the copy holds exactly the transactions committed before it — what the write-ahead
// log in it says, as after a clean stop. A CHECKPOINT first writes most of them into the data
// files, so a restore has little of the log to replay. The lock is held only while the files
// are read (about a second for a year of a sub-district); compressing happens after, off the
// main thread, while the bot answers again.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';

const compress = promisify(gzip);

export async function snapshotOf(pglite: PGlite): Promise<Uint8Array> {
  // Before the lock: exec takes it itself.
  await pglite.exec('CHECKPOINT');
  const tarball = await pglite._runExclusiveTransaction(async () => new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  return new Uint8Array(await compress(tarball));
}
