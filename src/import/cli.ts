// `npm run import -- <communities|staff|clients> <file> [--dry-run] [--encoding gb18030|utf8] [--lang zh|en]`:
// imports a CSV or XLSX file into the configured database (DATABASE_URL, else the embedded one
// in DATA_DIR, opened and migrated as `npm start` does). Plain text for a person, summary first.
// Exit status: 0 imported (or a clean dry run), 1 rows refused or the database unavailable
// (the embedded one locked by a running bot), 2 a usage error.
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openToolDatabase, toolConfig } from './database.js';
import { todayIn } from '../domain/dates.js';
import { LOCALES, type Locale } from '../domain/types.js';
import { translate } from '../i18n/index.js';
import { importSheet } from './apply.js';
import { KINDS, type Kind } from './headers.js';
import { ENCODINGS, readSheet, type Encoding } from './read.js';
import { importReport } from './report.js';

function usage(locale: Locale): never {
  process.stderr.write(`${translate(locale, 'import.usage')}\n`);
  process.exit(2);
}

function localeOf(word: string | undefined, fallback: Locale): Locale | undefined {
  if (word === undefined) return fallback;
  if (word.toLowerCase() === 'zh' || word.toLowerCase() === 'zh-cn') return 'zh-CN';
  return (LOCALES as readonly string[]).includes(word) ? (word as Locale) : undefined;
}

function who(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

const config = toolConfig();

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, encoding: { type: 'string' }, lang: { type: 'string' } },
  });
}
try {
  args = parse();
} catch {
  usage(config.defaultLocale);
}
const locale = localeOf(args.values.lang, config.defaultLocale) ?? usage(config.defaultLocale);
const [kind, file, ...extra] = args.positionals;
// GBK is a subset of GB18030: one decoder reads both.
const encoding = { gbk: 'gb18030', 'utf-8': 'utf8' }[args.values.encoding?.toLowerCase() ?? ''] ?? args.values.encoding?.toLowerCase();
if (!(KINDS as readonly string[]).includes(kind ?? '') || !file || extra.length > 0) usage(locale);
if (encoding !== undefined && !(ENCODINGS as readonly string[]).includes(encoding)) usage(locale);

// npm runs scripts in the project folder: a relative path is the caller's.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
let bytes: Buffer;
try {
  bytes = readFileSync(path);
} catch (error) {
  process.stderr.write(`${translate(locale, 'import.error.noFile', { file: path, reason: (error as Error).message })}\n`);
  process.exit(2);
}
const read = await readSheet(bytes, encoding as Encoding | undefined);
if (!read.ok) {
  process.stdout.write(`${translate(locale, read.reason === 'empty' ? 'import.summary.empty' : 'import.summary.unreadable', { file })}\n`);
  process.exit(1);
}

const db = await openToolDatabase(config);
try {
  const result = await importSheet(db.prisma, {
    kind: kind as Kind,
    sheet: read.sheet,
    fileName: path,
    actor: who(),
    today: todayIn(config.timeZone, new Date()),
    dryRun: args.values['dry-run'] === true,
  });
  process.stdout.write(`${importReport(locale, kind as Kind, result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await db.close();
}
