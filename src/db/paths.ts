import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's prisma/ folder (schema and committed migrations). */
export const PRISMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prisma');
