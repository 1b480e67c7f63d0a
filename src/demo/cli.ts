// `npm run demo [-- --ids <file>]` fills the configured database (DATABASE_URL, else the embedded
// one in DATA_DIR) with the demo sub-district, so due lists, status cards and weekly counts show
// something on day one. The optional YAML or JSON file maps the placeholder Slack ids to a trial
// workspace's own: `users: { U0DEMO001: U0123ABCD }` and `channels: { 梅花碑: C0123ABCD }`.
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { openDatabase } from '../db/client.js';
import { todayIn } from '../domain/dates.js';
import { seedDemo } from './seed.js';

const SLACK_ID = z.string().regex(/^[A-Z0-9]{2,}$/);
const Ids = z.strictObject({ users: z.record(z.string(), SLACK_ID).optional(), channels: z.record(z.string(), SLACK_ID).optional() });

function idsFrom(args: string[]): z.infer<typeof Ids> {
  const at = args.indexOf('--ids');
  if (at < 0) return {};
  const file = args[at + 1];
  if (!file) throw new Error('Usage: npm run demo [-- --ids <file.yml|file.json>]');
  return Ids.parse(parseYaml(readFileSync(file, 'utf8')));
}

const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || './data' });
let code = 0;
try {
  await db.migrate();
  const today = todayIn(process.env.TIMEZONE || 'Asia/Shanghai', new Date());
  const result = await seedDemo(db.prisma, today, idsFrom(process.argv.slice(2)));
  if (result.kind === 'seeded') {
    console.log(`Demo sub-district 小营街道 written to ${db.location}: ${result.communities} communities, ${result.staff} staff, ${result.clients} clients, ${result.records} records (to ${today}).`);
  } else if (result.kind === 'present') {
    console.log(`${db.location} already holds the demo sub-district: nothing written.`);
  } else {
    console.error(`${db.location} holds data that is not the demo: refusing to add demo data to it. Use an empty DATA_DIR or database.`);
    code = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await db.close();
}
process.exit(code);
