// A consistent copy of a running embedded database, taken without stopping it: the data folder
// as PGlite holds it, as a gzipped tarball. PGlite runs one statement at a time, and its
// transaction lock waits for a transaction under way (Prisma's interactive ones included) to
// end, so the copy holds exactly the transactions committed before it — what the write-ahead
// log in it says, as after a clean stop. A CHECKPOINT first writes most of them into the data
// files, so a restore has little of the log to replay.
import type { PGlite } from '@electric-sql/pglite';

export async function snapshotOf(pglite: PGlite): Promise<Uint8Array> {
  // Before the lock: exec takes it itself.
  await pglite.exec('CHECKPOINT');
  return pglite._runExclusiveTransaction(async () => {
    const tarball = await pglite.dumpDataDir('gzip');
    return new Uint8Array(await tarball.arrayBuffer());
  });
}
