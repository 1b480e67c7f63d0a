-- The weekly counts' coverage (active clients met face to face this month to date) reads the
-- month's visits by date, kind and client, not deleted: from this index alone, without visiting
-- the table (src/features/reports/counts.ts, countClients).
-- CreateIndex
CREATE INDEX "Visit_date_kind_clientId_deletedAt_idx" ON "Visit"("date", "kind", "clientId", "deletedAt");
