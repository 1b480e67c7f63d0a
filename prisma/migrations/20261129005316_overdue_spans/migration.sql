-- CreateTable
CREATE TABLE "OverdueSpan" (
    "id" SERIAL NOT NULL,
    "clientId" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,

    CONSTRAINT "OverdueSpan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OverdueStale" (
    "clientId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "OverdueStale_pkey" PRIMARY KEY ("clientId")
);

-- CreateTable
CREATE TABLE "DerivedData" (
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DerivedData_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "OverdueSpan_clientId_idx" ON "OverdueSpan"("clientId");

-- CreateIndex
CREATE INDEX "OverdueSpan_endsOn_startsOn_idx" ON "OverdueSpan"("endsOn", "startsOn");

-- AddForeignKey
ALTER TABLE "OverdueSpan" ADD CONSTRAINT "OverdueSpan_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every change to what the schedule reads lists the client as stale: records (visits, check-ins,
-- tests: inserted, edited, soft-deleted, restored), status periods, and the client's program and
-- term. Statement-level with transition tables, so a bulk import lists each client once per
-- statement instead of once per row. Listed in client order so that two writers never lock the
-- same rows in opposite orders.
CREATE FUNCTION "overdue_stale_records"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "OverdueStale" ("clientId") SELECT DISTINCT "clientId" FROM new_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "OverdueStale" ("clientId")
      SELECT "clientId" FROM new_rows UNION SELECT "clientId" FROM old_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
  ELSE
    INSERT INTO "OverdueStale" ("clientId") SELECT DISTINCT "clientId" FROM old_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['Visit', 'CheckIn', 'UrineTest', 'ClientStatusPeriod'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "overdue_stale_records"()', t || '_overdue_stale_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "overdue_stale_records"()', t || '_overdue_stale_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "overdue_stale_records"()', t || '_overdue_stale_delete', t);
  END LOOP;
END $$;

CREATE FUNCTION "overdue_stale_client"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OverdueStale" ("clientId") VALUES (NEW."id")
    ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER "Client_overdue_stale_insert" AFTER INSERT ON "Client"
  FOR EACH ROW EXECUTE FUNCTION "overdue_stale_client"();
CREATE TRIGGER "Client_overdue_stale_update" AFTER UPDATE OF "program", "termStart", "plannedTermEnd" ON "Client"
  FOR EACH ROW WHEN (OLD."program" IS DISTINCT FROM NEW."program" OR OLD."termStart" IS DISTINCT FROM NEW."termStart"
                     OR OLD."plannedTermEnd" IS DISTINCT FROM NEW."plannedTermEnd")
  EXECUTE FUNCTION "overdue_stale_client"();
