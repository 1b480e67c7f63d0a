// Where the embedded database's commits go before Slack is answered. PGlite on Node runs
// PostgreSQL with fsync off (its start parameter -F), and the Node file system it mounts has no
// fsync: a commit reaches the kernel (write(2)), which survives a killed process (kill -9, a
// crash, the OOM killer) but not a power cut or an operating-system crash — those could lose the
// last records or damage the folder. Here PostgreSQL runs with fsync on (the write-ahead log
// synced at every commit, data files at checkpoints, as a PostgreSQL server does) and its fsync
// reaches the disk through fs.fsyncSync. The cost is measured in bench/backup.ts.
import { fsyncSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** The parts of Emscripten's module this touches: its Node file system's file operations. */
interface EmscriptenModule {
  NODEFS: { stream_ops: { fsync?: (stream: { nfd?: number }) => void }; tryFSOperation: (f: () => void) => void };
}

class SyncingNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(...args);
    const syncFile = (module: EmscriptenModule) => {
      // Errors become the errno PostgreSQL expects (it then refuses the commit).
      module.NODEFS.stream_ops.fsync = (stream) =>
        module.NODEFS.tryFSOperation(() => {
          if (stream.nfd !== undefined) fsyncSync(stream.nfd);
        });
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), syncFile as never] } };
  }
}

/**
 * PostgreSQL's page cache inside PGlite's WebAssembly memory, which only grows: the default
 * 128 MB alone would take half of a sub-district bot's memory budget (250 MB, issue 15), for a
 * database of tens of MB. Pages not cached here are read from the operating system's cache.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

/**
 * PGlite's options for a data folder whose commits are on disk when they return. `fsync` is
 * PostgreSQL's call (PGlite's -F turned it off); Emscripten's fdatasync does nothing, fsync
 * reaches the file, hence wal_sync_method=fsync. And a smaller page cache (above).
 */
export function durableStorage(pgliteDir: string): Pick<PGliteOptions, 'dataDir' | 'fs' | 'startParams'> {
  const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
  return {
    dataDir: pgliteDir,
    fs: new SyncingNodeFS(pgliteDir),
    startParams: [...defaults.filter((param) => param !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync', '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
  };
}
