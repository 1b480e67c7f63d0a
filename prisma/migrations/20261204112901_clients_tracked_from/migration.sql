-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "priorCheckInOn" DATE,
ADD COLUMN     "priorTestOn" DATE,
ADD COLUMN     "priorVisitOn" DATE,
ADD COLUMN     "trackedFrom" DATE;

-- A change to what the schedule starts from lists the client for the overdue days and a flag check.
DROP TRIGGER "Client_overdue_stale_update" ON "Client";
CREATE TRIGGER "Client_overdue_stale_update"
  AFTER UPDATE OF "program", "termStart", "plannedTermEnd", "trackedFrom", "priorVisitOn", "priorCheckInOn", "priorTestOn" ON "Client"
  FOR EACH ROW WHEN (OLD."program" IS DISTINCT FROM NEW."program" OR OLD."termStart" IS DISTINCT FROM NEW."termStart"
                     OR OLD."plannedTermEnd" IS DISTINCT FROM NEW."plannedTermEnd" OR OLD."trackedFrom" IS DISTINCT FROM NEW."trackedFrom"
                     OR OLD."priorVisitOn" IS DISTINCT FROM NEW."priorVisitOn" OR OLD."priorCheckInOn" IS DISTINCT FROM NEW."priorCheckInOn"
                     OR OLD."priorTestOn" IS DISTINCT FROM NEW."priorTestOn")
  EXECUTE FUNCTION "overdue_stale_client"();

-- Clients registered after their report-in date were, until now, held to the whole term before
-- it: they are followed from the day they were registered (in the default time zone), which
-- withdraws the false alarms that history raised.
UPDATE "Client" SET "trackedFrom" = ("createdAt" AT TIME ZONE 'Asia/Shanghai')::date
  WHERE ("createdAt" AT TIME ZONE 'Asia/Shanghai')::date > "termStart";
