// `npm run export -- <communities|staff|clients> <file.csv> [--lang zh|en]`: writes the roster of
// the configured database in the format `npm run import` reads (export.ts). Exit status: 0
// written, 1 the database unavailable or the file not writable, 2 a usage error.
import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { translate } from '../i18n/index.js';
import { openToolDatabase, toolConfig } from './database.js';
import { exportCsv } from './export.js';
import { KINDS, type Kind } from './headers.js';

const config = toolConfig();
const usage = (): never => {
  process.stderr.write(`${translate(config.defaultLocale, 'import.export.usage')}\n`);
  process.exit(2);
};

const parsed = (() => {
  try {
    return parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { lang: { type: 'string' } } });
  } catch {
    return usage();
  }
})();
const lang = parsed.values.lang?.toLowerCase();
const locale = lang === undefined ? config.defaultLocale : lang === 'en' ? 'en' : lang === 'zh' || lang === 'zh-cn' ? 'zh-CN' : usage();
const [kind, file, ...extra] = parsed.positionals;
if (!(KINDS as readonly string[]).includes(kind ?? '') || !file || extra.length > 0) usage();

// npm runs scripts in the project folder: a relative path is the caller's.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file!);
const db = await openToolDatabase(config);
try {
  const { csv, rows } = await exportCsv(db.prisma, kind as Kind);
  try {
    writeFileSync(path, csv);
  } catch (error) {
    process.stderr.write(`${translate(locale, 'import.export.cannotWrite', { file: path, reason: (error as Error).message })}\n`);
    process.exitCode = 1;
  }
  if (process.exitCode !== 1) process.stdout.write(`${translate(locale, 'import.export.done', { kind: translate(locale, `import.kind.${kind as Kind}`), count: rows, file: path })}\n`);
} finally {
  await db.close();
}
