// Importing a file: plan every row, then — only when every row is valid and it is not a dry run
// — make every write and one audit row in a single transaction. Reading the database and
// writing happen in that same transaction, so what was planned is what gets written.
import { basename } from 'node:path';
import { audit } from '../db/audit.js';
import type { Prisma } from '../db/client.js';
import type { LocalDate } from '../domain/dates.js';
import type { Kind } from './headers.js';
import { countChanges, planImport, type Counts, type RowProblem } from './plan.js';
import type { Sheet } from './read.js';

export interface ImportRequest {
  kind: Kind;
  sheet: Sheet;
  /** The file's name; only its base name is kept (in the audit row). */
  fileName: string;
  /** Who imports: a Slack user id, or `cli:<os user>` from the command line. */
  actor: string;
  today: LocalDate;
  dryRun: boolean;
}

/** `ignored`: the file's headers that name no column, not read (see headers.ts). */
export type ImportResult =
  | { ok: true; dryRun: boolean; counts: Counts; ignored: string[] }
  | { ok: false; problems: RowProblem[]; ignored: string[] };

/** A large file is many small writes: give its one transaction time. */
const TRANSACTION = { maxWait: 60_000, timeout: 600_000 };

class Refused extends Error {
  constructor(
    readonly problems: RowProblem[],
    readonly ignored: string[],
  ) {
    super('import refused');
  }
}

export async function importSheet(prisma: Prisma, request: ImportRequest): Promise<ImportResult> {
  try {
    return await prisma.$transaction(async (tx) => {
      const plan = await planImport(tx, request.kind, request.sheet, request.today);
      if (plan.problems.length > 0) throw new Refused(plan.problems, plan.ignored);
      const counts = countChanges(plan.changes);
      const { ignored } = plan;
      if (request.dryRun) return { ok: true as const, dryRun: true, counts, ignored };
      const clientIds: number[] = [];
      for (const change of plan.changes) {
        const id = await change.write?.(tx, request.actor);
        if (typeof id === 'number') clientIds.push(id);
      }
      await audit(tx, {
        actor: request.actor,
        action: `import.${request.kind}`,
        entity: request.kind,
        detail: { file: basename(request.fileName), ...counts, ...(clientIds.length > 0 ? { clientIds } : {}) },
      });
      return { ok: true as const, dryRun: false, counts, ignored };
    }, TRANSACTION);
  } catch (error) {
    // Thrown to roll back anything a planner's reads might have started; nothing was written.
    if (error instanceof Refused) return { ok: false, problems: error.problems, ignored: error.ignored };
    throw error;
  }
}
