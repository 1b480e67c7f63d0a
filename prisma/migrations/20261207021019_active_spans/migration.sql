-- DropIndex
DROP INDEX "OverdueSpan_endsOn_startsOn_idx";

-- AlterTable: the spans already worked out take their client's community.
ALTER TABLE "OverdueSpan" ADD COLUMN     "communityId" INTEGER;
UPDATE "OverdueSpan" s SET "communityId" = c."communityId" FROM "Client" c WHERE c.id = s."clientId";
ALTER TABLE "OverdueSpan" ALTER COLUMN "communityId" SET NOT NULL;

-- CreateTable
CREATE TABLE "ActiveSpan" (
    "id" SERIAL NOT NULL,
    "clientId" INTEGER NOT NULL,
    "met" BOOLEAN NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "communityId" INTEGER NOT NULL,

    CONSTRAINT "ActiveSpan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActiveSpan_clientId_idx" ON "ActiveSpan"("clientId");

-- CreateIndex
CREATE INDEX "ActiveSpan_endsOn_startsOn_met_communityId_idx" ON "ActiveSpan"("endsOn", "startsOn", "met", "communityId");

-- CreateIndex
CREATE INDEX "OverdueSpan_endsOn_startsOn_communityId_idx" ON "OverdueSpan"("endsOn", "startsOn", "communityId");

-- AddForeignKey
ALTER TABLE "ActiveSpan" ADD CONSTRAINT "ActiveSpan_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The spans carry the client's community: a client who moves is listed for the refresh, which
-- writes them again under the new one (every count refreshes before it reads them).
CREATE TRIGGER "Client_spans_moved" AFTER UPDATE OF "communityId" ON "Client"
  FOR EACH ROW WHEN (OLD."communityId" IS DISTINCT FROM NEW."communityId")
  EXECUTE FUNCTION "overdue_stale_client"();

-- ActiveSpan is filled by the refresh of the overdue days (src/features/reports/overdue-spans.ts),
-- whose algorithm version now includes it: the first refresh after this migration lists and
-- works out every client again, as after a change of the schedule rules.
