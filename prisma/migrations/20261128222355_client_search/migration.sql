-- Client search: trigram indexes for case-number prefix, alias and pinyin matches.
-- pg_trgm ships with PostgreSQL (contrib) and PGlite (src/db/extensions.ts).
-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "Client_caseNumber_trgm_idx" ON "Client" USING GIN ("caseNumber" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Client_alias_trgm_idx" ON "Client" USING GIN ("alias" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Client_aliasPinyin_trgm_idx" ON "Client" USING GIN ("aliasPinyin" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Client_aliasInitials_trgm_idx" ON "Client" USING GIN ("aliasInitials" gin_trgm_ops);
