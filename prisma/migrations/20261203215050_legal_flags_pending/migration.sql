-- CreateEnum
CREATE TYPE "NoticeState" AS ENUM ('pending', 'posted', 'retracting', 'retracted');

-- AlterTable
ALTER TABLE "LegalFlagNotice" ADD COLUMN     "claimedAt" TIMESTAMPTZ(3),
ADD COLUMN     "correctionTs" TEXT,
ADD COLUMN     "detail" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "postedAt" TIMESTAMPTZ(3),
ADD COLUMN     "retractedAt" TIMESTAMPTZ(3),
ADD COLUMN     "state" "NoticeState" NOT NULL DEFAULT 'pending';

-- CreateTable
CREATE TABLE "FlagCheck" (
    "clientId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "checkOn" DATE,

    CONSTRAINT "FlagCheck_pkey" PRIMARY KEY ("clientId")
);

-- CreateIndex
CREATE INDEX "FlagCheck_checkOn_idx" ON "FlagCheck"("checkOn");

-- CreateIndex
CREATE INDEX "LegalFlagNotice_state_idx" ON "LegalFlagNotice"("state");

-- Notices told before this release: those with a message are posted; those recorded while
-- MANAGERS_CHANNEL was unset were never posted and now wait to be.
UPDATE "LegalFlagNotice" SET state = 'posted', "postedAt" = "createdAt" WHERE "messageTs" IS NOT NULL;

-- The triggers that list changed clients for the overdue days list them for a flag check too.
CREATE OR REPLACE FUNCTION "overdue_stale_records"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "OverdueStale" ("clientId") SELECT DISTINCT "clientId" FROM new_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
    INSERT INTO "FlagCheck" ("clientId") SELECT DISTINCT "clientId" FROM new_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "FlagCheck"."version" + 1, "checkOn" = NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "OverdueStale" ("clientId")
      SELECT "clientId" FROM new_rows UNION SELECT "clientId" FROM old_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
    INSERT INTO "FlagCheck" ("clientId")
      SELECT "clientId" FROM new_rows UNION SELECT "clientId" FROM old_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "FlagCheck"."version" + 1, "checkOn" = NULL;
  ELSE
    INSERT INTO "OverdueStale" ("clientId") SELECT DISTINCT "clientId" FROM old_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
    INSERT INTO "FlagCheck" ("clientId") SELECT DISTINCT "clientId" FROM old_rows ORDER BY 1
      ON CONFLICT ("clientId") DO UPDATE SET "version" = "FlagCheck"."version" + 1, "checkOn" = NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "overdue_stale_client"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "OverdueStale" ("clientId") VALUES (NEW."id")
    ON CONFLICT ("clientId") DO UPDATE SET "version" = "OverdueStale"."version" + 1;
  INSERT INTO "FlagCheck" ("clientId") VALUES (NEW."id")
    ON CONFLICT ("clientId") DO UPDATE SET "version" = "FlagCheck"."version" + 1, "checkOn" = NULL;
  RETURN NULL;
END $$;

-- Every client once, now: flags raised before this release are found and, where still pending,
-- posted; each client's next check day is worked out.
INSERT INTO "FlagCheck" ("clientId") SELECT id FROM "Client" ORDER BY id;
