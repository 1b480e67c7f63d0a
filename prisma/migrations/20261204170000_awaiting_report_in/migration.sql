-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "awaitingReportIn" BOOLEAN NOT NULL DEFAULT false;

-- The schedule and the flags read it: a change lists the client for the overdue days and a flag check.
DROP TRIGGER "Client_overdue_stale_update" ON "Client";
CREATE TRIGGER "Client_overdue_stale_update"
  AFTER UPDATE OF "program", "termStart", "plannedTermEnd", "trackedFrom", "priorVisitOn", "priorCheckInOn", "priorTestOn",
    "reportedOn", "decisionDate", "termMonths", "awaitingReportIn" ON "Client"
  FOR EACH ROW WHEN (OLD."program" IS DISTINCT FROM NEW."program" OR OLD."termStart" IS DISTINCT FROM NEW."termStart"
                     OR OLD."plannedTermEnd" IS DISTINCT FROM NEW."plannedTermEnd" OR OLD."trackedFrom" IS DISTINCT FROM NEW."trackedFrom"
                     OR OLD."priorVisitOn" IS DISTINCT FROM NEW."priorVisitOn" OR OLD."priorCheckInOn" IS DISTINCT FROM NEW."priorCheckInOn"
                     OR OLD."priorTestOn" IS DISTINCT FROM NEW."priorTestOn" OR OLD."reportedOn" IS DISTINCT FROM NEW."reportedOn"
                     OR OLD."decisionDate" IS DISTINCT FROM NEW."decisionDate" OR OLD."termMonths" IS DISTINCT FROM NEW."termMonths"
                     OR OLD."awaitingReportIn" IS DISTINCT FROM NEW."awaitingReportIn")
  EXECUTE FUNCTION "overdue_stale_client"();
