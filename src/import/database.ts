// The configured database for the command-line tools (import, export): DATABASE_URL, else the
// embedded one in DATA_DIR, opened and migrated as `npm start` does. They talk to the database
// only: whatever the Slack settings are (absent, placeholders of .env.example), they are not
// their business. A usage problem exits 2; a data folder locked by a running bot exits 1 with
// the lock's own message.
import { formatConfigProblems, loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { DataDirLockedError } from '../db/lock.js';

export function toolConfig(): Config {
  const configured = loadConfig({
    ...process.env,
    SLACK_BOT_TOKEN: 'xoxb-import',
    SLACK_APP_TOKEN: undefined,
    SLACK_SIGNING_SECRET: 'importnotslack000',
    SLACK_API_URL: undefined,
  });
  if (!configured.ok) {
    process.stderr.write(`${formatConfigProblems(configured.problems)}\n`);
    process.exit(2);
  }
  return configured.config;
}

export async function openToolDatabase(config: Config): Promise<Database> {
  let db: Database;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (db.kind === 'embedded' || config.database.migrateOnStart) await db.migrate();
  return db;
}
