-- CreateTable
CREATE TABLE "DailyCount" (
    "day" DATE NOT NULL,
    "communityId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "DailyCount_pkey" PRIMARY KEY ("day","communityId","type","detail")
);

-- CreateIndex
CREATE INDEX "Client_termStart_idx" ON "Client"("termStart");

-- What a record adds to DailyCount: one for its day, its client's community, its type and its
-- kind or result, unless it is soft-deleted. Logged, edited (date, kind, result, client),
-- soft-deleted, restored or deleted: the old row is taken off and the new one added, summed per
-- key in one statement. Statement-level with transition tables (as the OverdueStale triggers),
-- so an import of thousands of records makes one upsert per key, not one per record; a change
-- that leaves every key as it was (notes, a no-op UPDATE) nets to nothing and writes nothing.
-- Keys are written in order so that two writers never lock the same rows in opposite orders.
-- One function per table (daily_count_visit, _checkin, _urinetest), written out here from one
-- text: its SQL is static, so PostgreSQL plans it once per session, not at every write.
DO $$
DECLARE
  t TEXT[];
  added TEXT;
  removed TEXT;
  upsert TEXT;
BEGIN
  FOREACH t SLICE 1 IN ARRAY ARRAY[['Visit', 'visit', 'kind::text'], ['CheckIn', 'checkIn', ''''''], ['UrineTest', 'test', 'result::text']] LOOP
    added := format('SELECT date, %s AS detail, "clientId", 1 AS n FROM new_rows WHERE "deletedAt" IS NULL', t[3]);
    removed := format('SELECT date, %s AS detail, "clientId", -1 AS n FROM old_rows WHERE "deletedAt" IS NULL', t[3]);
    upsert := format('INSERT INTO "DailyCount" ("day", "communityId", "type", "detail", "count")
      SELECT r.date, c."communityId", %L, r.detail, sum(r.n)
      FROM (%%s) r JOIN "Client" c ON c.id = r."clientId"
      GROUP BY r.date, c."communityId", r.detail HAVING sum(r.n) <> 0
      ORDER BY r.date, c."communityId", r.detail
      ON CONFLICT ("day", "communityId", "type", "detail") DO UPDATE SET "count" = "DailyCount"."count" + EXCLUDED."count";', t[2]);
    EXECUTE format('CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        IF TG_OP = ''INSERT'' THEN %s
        ELSIF TG_OP = ''UPDATE'' THEN %s
        ELSE %s
        END IF;
        RETURN NULL;
      END $body$', 'daily_count_' || lower(t[1]), format(upsert, added), format(upsert, added || ' UNION ALL ' || removed), format(upsert, removed));
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1] || '_daily_count_insert', t[1], 'daily_count_' || lower(t[1]));
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1] || '_daily_count_update', t[1], 'daily_count_' || lower(t[1]));
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t[1] || '_daily_count_delete', t[1], 'daily_count_' || lower(t[1]));
  END LOOP;
END $$;

-- A client moving community takes its records along: subtracted from the old community, added
-- to the new. The record tables are locked against writes first (SHARE: readers go on), so a
-- record logged meanwhile is either committed before the move, and moved with the others, or
-- written after it, and counted in the new community; moves are rare, records short.
CREATE FUNCTION "daily_count_client_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "Visit", "CheckIn", "UrineTest" IN SHARE MODE;
  INSERT INTO "DailyCount" ("day", "communityId", "type", "detail", "count")
  SELECT r.date, m."communityId", r.type, r.detail, m.sign * count(*)
  FROM (
    SELECT date, 'visit' AS type, kind::text AS detail FROM "Visit" WHERE "clientId" = NEW.id AND "deletedAt" IS NULL
    UNION ALL SELECT date, 'checkIn', '' FROM "CheckIn" WHERE "clientId" = NEW.id AND "deletedAt" IS NULL
    UNION ALL SELECT date, 'test', result::text FROM "UrineTest" WHERE "clientId" = NEW.id AND "deletedAt" IS NULL
  ) r CROSS JOIN (VALUES (OLD."communityId", -1), (NEW."communityId", 1)) AS m("communityId", sign)
  GROUP BY r.date, m."communityId", r.type, r.detail, m.sign
  ORDER BY r.date, m."communityId", r.type, r.detail
  ON CONFLICT ("day", "communityId", "type", "detail") DO UPDATE SET "count" = "DailyCount"."count" + EXCLUDED."count";
  RETURN NULL;
END $$;

CREATE TRIGGER "Client_daily_count_moved" AFTER UPDATE OF "communityId" ON "Client"
  FOR EACH ROW WHEN (OLD."communityId" IS DISTINCT FROM NEW."communityId")
  EXECUTE FUNCTION "daily_count_client_moved"();

-- Every record counted again from scratch: the backfill below, and bench/seed.ts after it
-- loads records with triggers off.
CREATE FUNCTION "daily_counts_rebuild"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "DailyCount";
  INSERT INTO "DailyCount" ("day", "communityId", "type", "detail", "count")
  SELECT r.date, c."communityId", r.type, r.detail, count(*)
  FROM (
    SELECT date, 'visit' AS type, kind::text AS detail, "clientId" FROM "Visit" WHERE "deletedAt" IS NULL
    UNION ALL SELECT date, 'checkIn', '', "clientId" FROM "CheckIn" WHERE "deletedAt" IS NULL
    UNION ALL SELECT date, 'test', result::text, "clientId" FROM "UrineTest" WHERE "deletedAt" IS NULL
  ) r JOIN "Client" c ON c.id = r."clientId"
  GROUP BY r.date, c."communityId", r.type, r.detail
  -- In day order, as the rows of a live database come: a period's sums lie on few pages.
  ORDER BY r.date, c."communityId", r.type, r.detail;
$$;

SELECT "daily_counts_rebuild"();
ANALYZE "DailyCount";
