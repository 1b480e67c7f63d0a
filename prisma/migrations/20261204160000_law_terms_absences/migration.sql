-- CreateEnum
CREATE TYPE "TerminationReason" AS ENUM ('prison_sentence', 'compulsory_isolation', 'death', 'other');

-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "decisionDate" DATE,
ADD COLUMN     "reportedOn" DATE,
ADD COLUMN     "termMonths" INTEGER NOT NULL DEFAULT 36;

-- AlterTable
ALTER TABLE "ClientStatusPeriod" ADD COLUMN     "terminationReason" "TerminationReason";

-- CreateTable
CREATE TABLE "Absence" (
    "id" SERIAL NOT NULL,
    "clientId" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "notes" TEXT,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Absence_clientId_startsOn_idx" ON "Absence"("clientId", "startsOn");

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- An absence never ends before it starts.
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_ends_after_start" CHECK ("endsOn" IS NULL OR "endsOn" >= "startsOn");

-- Absences bear on the legal flags (Art. 20): a change lists the client for a flag check, in the
-- same transaction, like visits, check-ins and tests.
CREATE TRIGGER "Absence_overdue_stale_insert" AFTER INSERT ON "Absence" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "overdue_stale_records"();
CREATE TRIGGER "Absence_overdue_stale_update" AFTER UPDATE ON "Absence" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "overdue_stale_records"();
CREATE TRIGGER "Absence_overdue_stale_delete" AFTER DELETE ON "Absence" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "overdue_stale_records"();

-- The schedule and the flags also read the term length, the report-in here and the decision date.
DROP TRIGGER "Client_overdue_stale_update" ON "Client";
CREATE TRIGGER "Client_overdue_stale_update"
  AFTER UPDATE OF "program", "termStart", "plannedTermEnd", "trackedFrom", "priorVisitOn", "priorCheckInOn", "priorTestOn",
    "reportedOn", "decisionDate", "termMonths" ON "Client"
  FOR EACH ROW WHEN (OLD."program" IS DISTINCT FROM NEW."program" OR OLD."termStart" IS DISTINCT FROM NEW."termStart"
                     OR OLD."plannedTermEnd" IS DISTINCT FROM NEW."plannedTermEnd" OR OLD."trackedFrom" IS DISTINCT FROM NEW."trackedFrom"
                     OR OLD."priorVisitOn" IS DISTINCT FROM NEW."priorVisitOn" OR OLD."priorCheckInOn" IS DISTINCT FROM NEW."priorCheckInOn"
                     OR OLD."priorTestOn" IS DISTINCT FROM NEW."priorTestOn" OR OLD."reportedOn" IS DISTINCT FROM NEW."reportedOn"
                     OR OLD."decisionDate" IS DISTINCT FROM NEW."decisionDate" OR OLD."termMonths" IS DISTINCT FROM NEW."termMonths")
  EXECUTE FUNCTION "overdue_stale_client"();

-- Clients so far reported in here on their term start.
UPDATE "Client" SET "reportedOn" = "termStart" WHERE "reportedOn" IS NULL;

-- One anniversary rule (src/domain): a term starting on 29 February has its anniversary on
-- 28 February of a common year, so it ends the day before. Earlier releases ended it on the 28th.
UPDATE "Client" SET "plannedTermEnd" = ("termStart" + interval '36 months')::date - 1
WHERE to_char("termStart", 'MM-DD') = '02-29' AND "plannedTermEnd" = ("termStart" + interval '36 months')::date;
