/**
 * Seeds the benchmark database `sunshine_bench` (a city-sized deployment) on the PostgreSQL
 * server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). The bench
 * database is created next to the one named in the URL; no other database is touched.
 *
 *   npx tsx bench/seed.ts            # seeds unless the data is already there
 *   npx tsx bench/seed.ts --reseed   # empties the bench database and seeds again
 *
 * 2,000 communities, ~2,200 staff, 50,000 clients (47,500 active) and ~5,000,000 visits,
 * check-ins and urine tests, generated on the server with INSERT … SELECT generate_series.
 * Records are inserted in date order (as a live database fills up), so one client's rows are
 * spread over the table as they would be in production. Deterministic apart from `today`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openPostgresDatabase } from '../src/db/client.js';
import { todayIn, type LocalDate } from '../src/domain/dates.js';
import { DEFAULT_RULES } from '../src/domain/rules.js';
import { refreshOverdueSpans } from '../src/features/reports/overdue-spans.js';

export const BENCH_DB = 'sunshine_bench';
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** Bump when the generated data changes shape, so existing bench databases are reseeded. */
const SEED_VERSION = 1;

export interface Sizes {
  communities: number;
  clients: number;
  activeClients: number;
  visits: number;
  checkIns: number;
  urineTests: number;
}

export const SIZES: Sizes = {
  communities: 2_000,
  clients: 50_000,
  /** Every 20th client has left the programme: 47,500 stay active. */
  activeClients: 47_500,
  visits: 2_000_000,
  checkIns: 1_500_000,
  urineTests: 1_500_000,
};

export interface SeedInfo {
  /** URL of the bench database. */
  url: string;
  /** The day the data was generated for; the benchmark computes due lists for that day. */
  seededOn: LocalDate;
  /** Whether this call generated the data (false: it was already there). */
  seeded: boolean;
  seconds: number;
}

/** The URL of the server given by BENCH_DATABASE_URL with the bench database as its path. */
export function benchDatabaseUrl(serverUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL): string {
  const url = new URL(serverUrl);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

/** Redacts the password for printing. */
function printable(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Creates the bench database if it does not exist, connecting to the server's given database. */
async function ensureDatabase(serverUrl: string): Promise<void> {
  let admin: pg.Client;
  try {
    admin = await connect(serverUrl);
  } catch {
    // The named database may not exist; the maintenance database always does.
    const fallback = new URL(serverUrl);
    fallback.pathname = '/postgres';
    admin = await connect(fallback.toString());
  }
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${BENCH_DB}`);
      console.log(`created database ${BENCH_DB}`);
    }
  } finally {
    await admin.end();
  }
}

interface Marker {
  seedVersion: number;
  seededOn: LocalDate;
}

async function readMarker(db: pg.Client): Promise<Marker | null> {
  const { rows } = await db.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
  );
  try {
    const marker = JSON.parse(rows[0]?.comment ?? 'null') as Marker | null;
    return marker && marker.seedVersion === SEED_VERSION && /^\d{4}-\d{2}-\d{2}$/.test(marker.seededOn) ? marker : null;
  } catch {
    return null;
  }
}

/** True when the marker matches and the tables hold the expected numbers of rows. */
async function dataPresent(db: pg.Client): Promise<Marker | null> {
  const marker = await readMarker(db);
  if (!marker) return null;
  const { rows } = await db.query<{ communities: number; clients: number; active: number; records: number }>(`
    SELECT (SELECT count(*) FROM "Community")::int AS communities,
           (SELECT count(*) FROM "Client")::int AS clients,
           (SELECT count(*) FROM "Client" WHERE status = 'active')::int AS active,
           ((SELECT count(*) FROM "Visit") + (SELECT count(*) FROM "CheckIn") + (SELECT count(*) FROM "UrineTest"))::int AS records`);
  const c = rows[0]!;
  const expected = SIZES.visits + SIZES.checkIns + SIZES.urineTests;
  const ok =
    c.communities === SIZES.communities &&
    c.clients === SIZES.clients &&
    c.active === SIZES.activeClients &&
    Math.abs(c.records - expected) < expected * 0.01;
  return ok ? marker : null;
}

/**
 * What the generator needs of a connection: a pg client, or an embedded PGlite (bench/start.ts
 * seeds a data folder of the same shape). Without params, `sql` may hold several statements.
 */
export interface SqlSession {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

const session = (client: pg.Client): SqlSession => ({
  query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as R[] }),
});

async function step(db: SqlSession, label: string, sql: string): Promise<void> {
  const start = performance.now();
  await db.query(sql);
  console.log(`  ${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s`);
}

/** Runs `body` for a record table with its secondary indexes dropped, rebuilt in the same transaction. */
async function withoutIndexes(db: SqlSession, table: string, body: () => Promise<void>): Promise<void> {
  await db.query('BEGIN');
  try {
    const { rows } = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = $1
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      [table],
    );
    for (const index of rows) await db.query(`DROP INDEX "${index.indexname}"`);
    await body();
    const start = performance.now();
    for (const index of rows) await db.query(index.indexdef);
    console.log(`  ${`${table}: ${rows.length} indexes rebuilt`.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(1).padStart(6)} s`);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

const SURNAMES: [string, string][] = [
  ['赵', 'zhao'], ['钱', 'qian'], ['孙', 'sun'], ['李', 'li'], ['周', 'zhou'], ['吴', 'wu'], ['郑', 'zheng'],
  ['王', 'wang'], ['冯', 'feng'], ['陈', 'chen'], ['褚', 'chu'], ['卫', 'wei'], ['蒋', 'jiang'], ['沈', 'shen'],
  ['韩', 'han'], ['杨', 'yang'], ['朱', 'zhu'], ['秦', 'qin'], ['许', 'xu'], ['何', 'he'],
];
const STEMS: [string, string][] = [
  ['甲', 'jia'], ['乙', 'yi'], ['丙', 'bing'], ['丁', 'ding'], ['戊', 'wu'], ['己', 'ji'], ['庚', 'geng'],
  ['辛', 'xin'], ['壬', 'ren'], ['癸', 'gui'],
];
const sqlArray = (xs: string[]): string => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;

/** Days of lag between a client's last recorded event of a kind and today: mostly recent, some lapsed. */
const LAG = (u: string) => `(CASE WHEN ${u} < 0.85 THEN floor(${u} / 0.85 * 25)
  WHEN ${u} < 0.97 THEN 25 + floor((${u} - 0.85) / 0.12 * 65) ELSE 90 + floor((${u} - 0.97) / 0.03 * 300) END)::int`;

/**
 * Inserts `count`-ish rows into a record table: each client gets events spread evenly (with
 * jitter) over its span [termStart, end of its span], where the interval is chosen so that the
 * total is `count`. `columns` and `values` describe the table-specific part.
 */
function recordsSql(table: string, span: string, count: number, columns: string, values: string): string {
  return `
    WITH spans AS (
      SELECT b.*, greatest(${span}, -1) AS span FROM bench_client b
    ), rate AS (
      SELECT sum(span + 1)::float8 / ${count} AS every FROM spans WHERE span >= 0
    ), counted AS (
      SELECT s.*, floor((s.span + 1) / r.every + random())::int AS n FROM spans s, rate r WHERE s.span >= 0
    ), events AS (
      SELECT c.g AS client_id, c.caseworker, c.caseworker_user,
             c.term_start + least(c.span, floor((i - 1 + random()) * (c.span + 1) / c.n)::int) AS day,
             random() AS u, random() AS v
      FROM counted c CROSS JOIN LATERAL generate_series(1, c.n) AS i
      WHERE c.n > 0
    ), stamped AS (
      SELECT e.*, ((e.day + time '08:30') + e.v * interval '9 hours') AT TIME ZONE 'Asia/Shanghai' AS at,
             random() < 0.01 AS deleted
      FROM events e
    )
    INSERT INTO "${table}" ("clientId", date, "recordedById", "createdAt", "updatedAt", "deletedAt", "deletedBy", ${columns})
    SELECT client_id, day, caseworker, at, CASE WHEN deleted THEN at + interval '2 hours' ELSE at END,
           CASE WHEN deleted THEN at + interval '2 hours' END, CASE WHEN deleted THEN caseworker_user END, ${values}
    FROM stamped
    ORDER BY day, client_id`;
}

/** Fills an empty, migrated database with a city of `sizes` for `today`. */
export async function generate(db: SqlSession, today: LocalDate, sizes: Sizes = SIZES): Promise<void> {
  const T = `DATE '${today}'`;
  const { communities, clients } = sizes;
  // Bulk-load settings for this session only. `replica` skips the foreign-key triggers: the rows
  // reference existing ids by construction.
  await db.query(`SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'; SELECT setseed(0.2025)`);
  await db.query('SET session_replication_role = replica').catch(() => console.log('  (not a superuser: foreign keys checked row by row, slower)'));

  const { rows: tables } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  await step(db, 'truncate', `TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);

  await step(db, `communities: ${communities}`, `
    INSERT INTO "Community" (id, name, code, "channelId", "updatedAt")
    SELECT g, '第' || g || '社区', '330102' || lpad(g::text, 6, '0'), 'CBENCH' || lpad(g::text, 5, '0'), now()
    FROM generate_series(1, ${communities}) g`);

  // One caseworker per community, 150 more who each cover two communities, 40 managers, 10 admins.
  await step(db, 'staff: 2,200 + memberships', `
    INSERT INTO "Staff" (id, "slackUserId", "displayName", role, "updatedAt")
    SELECT g, 'UBENCH' || lpad(g::text, 5, '0'),
           CASE WHEN g <= 2150 THEN '专干' WHEN g <= 2190 THEN '负责人' ELSE '管理员' END || g,
           (CASE WHEN g <= 2150 THEN 'worker' WHEN g <= 2190 THEN 'manager' ELSE 'admin' END)::"StaffRole", now()
    FROM generate_series(1, 2200) g;
    INSERT INTO "Membership" ("staffId", "communityId")
    SELECT g, g FROM generate_series(1, ${communities}) g
    UNION ALL SELECT 2000 + k, 1 + (k * 13) % ${communities} FROM generate_series(1, 150) k
    UNION ALL SELECT 2000 + k, 1 + (k * 13 + 1000) % ${communities} FROM generate_series(1, 150) k;
    SELECT setval(pg_get_serial_sequence('"Community"', 'id'), ${communities});
    SELECT setval(pg_get_serial_sequence('"Staff"', 'id'), 2200)`);

  // Community sizes are skewed (from ~15 to ~300 clients), so some messages take the condensed form.
  await step(db, `clients: ${clients}`, `
    CREATE TEMP TABLE bench_client AS
    WITH base AS (
      SELECT g, 1 + floor(${communities} * power(random(), 1.5))::int AS community_id,
             (CASE WHEN random() < 0.6 THEN 'community_treatment' ELSE 'community_rehab' END) AS program,
             (CASE WHEN g % 20 <> 0 THEN 'active' WHEN g % 60 = 0 THEN 'completed'
                   WHEN g % 60 = 20 THEN 'terminated' ELSE 'transferred_out' END) AS status,
             random() AS r_start, random() AS r_exit, random() AS r_worker, random() AS r_name,
             ${LAG('random()')} AS lag_visit, ${LAG('random()')} AS lag_check_in, ${LAG('random()')} AS lag_test
      FROM generate_series(1, ${clients}) g
    ), termed AS (
      SELECT b.*, CASE WHEN status = 'completed' THEN ${T} - 1096 - floor(r_start * 365)::int
                       ELSE ${T} - floor(r_start * 1096)::int END AS term_start
      FROM base b
    ), exited AS (
      SELECT t.*, (t.term_start + interval '3 years' - interval '1 day')::date AS planned_end,
             CASE WHEN status = 'active' THEN NULL
                  WHEN status = 'completed' THEN (t.term_start + interval '3 years')::date
                  ELSE t.term_start + 1 + floor(r_exit * greatest(${T} - t.term_start - 1, 0))::int END AS exit_on
      FROM termed t
    ), workers AS (
      SELECT m."communityId", array_agg(m."staffId" ORDER BY m."staffId") AS ids
      FROM "Membership" m JOIN "Staff" s ON s.id = m."staffId" AND s.role = 'worker' GROUP BY m."communityId"
    )
    SELECT e.*, coalesce(e.exit_on - 1, ${T}) AS last_day,
           w.ids[1 + floor(e.r_worker * cardinality(w.ids))::int] AS caseworker,
           'UBENCH' || lpad(w.ids[1 + floor(e.r_worker * cardinality(w.ids))::int]::text, 5, '0') AS caseworker_user,
           1 + floor(e.r_name * ${SURNAMES.length})::int AS surname, 1 + (e.g % ${STEMS.length}) AS stem
    FROM exited e JOIN workers w ON w."communityId" = e.community_id;
    ALTER TABLE bench_client ADD PRIMARY KEY (g);
    INSERT INTO "Client" (id, "caseNumber", alias, "aliasPinyin", "aliasInitials", "communityId", program,
                          "termStart", "plannedTermEnd", status, "caseworkerId", "policeName", "createdBy", "createdAt", "updatedAt")
    SELECT g, 'HZ-' || extract(year FROM term_start) || '-' || lpad(g::text, 5, '0'),
           (${sqlArray(SURNAMES.map((s) => s[0]))})[surname] || '某' || (${sqlArray(STEMS.map((s) => s[0]))})[stem],
           (${sqlArray(SURNAMES.map((s) => s[1]))})[surname] || 'mou' || (${sqlArray(STEMS.map((s) => s[1]))})[stem],
           left((${sqlArray(SURNAMES.map((s) => s[1]))})[surname], 1) || 'm' || left((${sqlArray(STEMS.map((s) => s[1]))})[stem], 1),
           community_id, program::"Program", term_start, planned_end, status::"ClientStatus", caseworker,
           CASE WHEN g % 3 = 0 THEN '民警' || (g % 97) END, caseworker_user,
           term_start::timestamp AT TIME ZONE 'Asia/Shanghai', now()
    FROM bench_client ORDER BY g;
    SELECT setval(pg_get_serial_sequence('"Client"', 'id'), ${clients})`);

  // Past leave (15% of active clients) and suspensions (4%), all closed; exits of the others.
  await step(db, 'status periods', `
    INSERT INTO "ClientStatusPeriod" ("clientId", status, "startsOn", "endsOn", reason, "receivingPlace", "recordedById", "createdAt")
    SELECT g, 'on_leave'::"ClientStatus", s, s + 7 + floor(random() * 33)::int,
           (ARRAY['探亲', '外出务工', '就医'])[1 + floor(random() * 3)::int], NULL, caseworker, s::timestamp AT TIME ZONE 'Asia/Shanghai'
    FROM (SELECT b.*, b.term_start + floor(random() * (${T} - b.term_start - 50))::int AS s FROM bench_client b
          WHERE b.status = 'active' AND ${T} - b.term_start > 60 AND random() < 0.15) l
    UNION ALL
    SELECT g, 'suspended'::"ClientStatus", s, s + 30 + floor(random() * 90)::int, '被公安机关羁押', NULL, caseworker, s::timestamp AT TIME ZONE 'Asia/Shanghai'
    FROM (SELECT b.*, b.term_start + floor(random() * (${T} - b.term_start - 150))::int AS s FROM bench_client b
          WHERE b.status = 'active' AND ${T} - b.term_start > 200 AND random() < 0.04) p
    UNION ALL
    SELECT g, status::"ClientStatus", exit_on, NULL,
           CASE status WHEN 'completed' THEN '期满解除' WHEN 'terminated' THEN '严重违反协议' ELSE '迁居外地' END,
           CASE WHEN status = 'transferred_out' THEN '外省某市' END, caseworker, exit_on::timestamp AT TIME ZONE 'Asia/Shanghai'
    FROM bench_client WHERE status <> 'active'`);

  await withoutIndexes(db, 'Visit', () =>
    step(db, `visits: ~${sizes.visits.toLocaleString('en')}`, recordsSql('Visit', `least(last_day, ${T} - lag_visit) - term_start`, sizes.visits, 'kind',
      // home 35%, office 25%, phone 25%, workplace 10%, other 5%
      `(ARRAY['home','home','home','home','home','home','home','office','office','office','office','office',
              'phone','phone','phone','phone','phone','workplace','workplace','other'])[1 + floor(u * 20)::int]::"VisitKind"`)));
  await withoutIndexes(db, 'CheckIn', () =>
    step(db, `check-ins: ~${sizes.checkIns.toLocaleString('en')}`, recordsSql('CheckIn', `least(last_day, ${T} - lag_check_in) - term_start`, sizes.checkIns, 'version', '1')));
  await withoutIndexes(db, 'UrineTest', () =>
    step(db, `urine tests: ~${sizes.urineTests.toLocaleString('en')}`, recordsSql('UrineTest', `least(last_day, ${T} - lag_test) - term_start`, sizes.urineTests, 'result',
      // negative 97%, positive 2%, refused 1%
      `(CASE WHEN u < 0.97 THEN 'negative' WHEN u < 0.99 THEN 'positive' ELSE 'refused' END)::"UrineResult"`)));

  // The DailyCount triggers did not fire (replica role): the daily sums counted once, as the
  // migration that created them does.
  await step(db, 'daily counts', 'SELECT "daily_counts_rebuild"()');
  await db.query('DROP TABLE bench_client; RESET session_replication_role');
  // VACUUM sets the visibility map and hint bits as a long-running database would have them,
  // and keeps autovacuum from starting in the middle of a benchmark; ANALYZE gives the planner
  // its statistics.
  await step(db, 'vacuum analyze', 'VACUUM (ANALYZE)');
}

/** Makes sure the bench database exists, is migrated and holds the data; seeds it if not. */
export async function ensureSeeded(options: { reseed?: boolean } = {}): Promise<SeedInfo> {
  const start = performance.now();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL;
  const url = benchDatabaseUrl(serverUrl);
  await ensureDatabase(serverUrl);
  const db = await connect(url);
  try {
    // Benchmarks started together (npm run bench, bench:week) wait here for the first to seed.
    await db.query(`SELECT pg_advisory_lock(hashtext('${BENCH_DB}.seed'))`);
    const database = openPostgresDatabase(url, 1);
    try {
      const applied = await database.migrate();
      if (applied.length > 0) console.log(`applied migrations: ${applied.join(', ')}`);
    } finally {
      await database.close();
    }
    const present = options.reseed ? null : await dataPresent(db);
    if (present) {
      return { url, seededOn: present.seededOn, seeded: false, seconds: (performance.now() - start) / 1000 };
    }
    const today = todayIn(process.env.TIMEZONE ?? 'Asia/Shanghai', new Date());
    console.log(`seeding ${printable(url)} for ${today} …`);
    await generate(session(db), today);
    const marker: Marker = { seedVersion: SEED_VERSION, seededOn: today };
    await db.query(`COMMENT ON DATABASE ${BENCH_DB} IS '${JSON.stringify(marker)}'`);
    // What the bot's background refresher does after an upgrade: every client's overdue and active days.
    const spans = openPostgresDatabase(url, 1);
    try {
      const started = performance.now();
      const clients = await refreshOverdueSpans(spans.prisma, DEFAULT_RULES);
      const label = `overdue, active days: ${clients.toLocaleString('en')} clients`;
      console.log(`  ${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
      await db.query('VACUUM (ANALYZE) "OverdueSpan", "ActiveSpan", "OverdueStale"');
    } finally {
      await spans.close();
    }
    const { rows } = await db.query<{ name: string; n: number }>(`
      SELECT 'communities' AS name, count(*)::int AS n FROM "Community"
      UNION ALL SELECT 'staff', count(*)::int FROM "Staff"
      UNION ALL SELECT 'memberships', count(*)::int FROM "Membership"
      UNION ALL SELECT 'clients', count(*)::int FROM "Client"
      UNION ALL SELECT 'active clients', count(*)::int FROM "Client" WHERE status = 'active'
      UNION ALL SELECT 'status periods', count(*)::int FROM "ClientStatusPeriod"
      UNION ALL SELECT 'visits', count(*)::int FROM "Visit"
      UNION ALL SELECT 'check-ins', count(*)::int FROM "CheckIn"
      UNION ALL SELECT 'urine tests', count(*)::int FROM "UrineTest"`);
    for (const row of rows) console.log(`  ${row.name.padEnd(16)} ${row.n.toLocaleString('en').padStart(10)}`);
    const seconds = (performance.now() - start) / 1000;
    console.log(`seeded in ${seconds.toFixed(1)} s`);
    return { url, seededOn: today, seeded: true, seconds };
  } finally {
    await db.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const reseed = process.argv.includes('--reseed');
  ensureSeeded({ reseed })
    .then((info) => {
      if (!info.seeded) console.log(`${BENCH_DB} already holds the data (seeded for ${info.seededOn}); --reseed to regenerate`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
