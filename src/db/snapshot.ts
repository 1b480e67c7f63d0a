// A consistent copy of a running embedded database, taken without stopping it: the data folder
// as PGlite holds it, as a gzipped tarball. PGlite runs one statement at a time, and the
// transaction lock waits for a transaction under way (Prisma's interactive ones included) to end,
// so the copy holds exactly the transactions committed before it. A CHECKPOINT first writes
// them into the data files, so a restore opens without replaying the write-ahead log.
import type { PGlite } from '@electric-sql/pglite';

export async function snapshotOf(pglite: PGlite): Promise<Uint8Array> {
  return pglite._runExclusiveTransaction(async () => {
    await pglite.exec('CHECKPOINT');
    const tarball = await pglite.dumpDataDir('gzip');
    return new Uint8Array(await tarball.arrayBuffer());
  });
}
