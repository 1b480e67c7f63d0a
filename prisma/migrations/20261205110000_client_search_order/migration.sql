-- Client search (src/features/clients/search.ts): each way of matching takes its first hundred
-- clients in result order (active first, then by case number) by walking this index, instead of
-- ranking every match (thousands for `zm`, `某甲` or `HZ-2025-0` among 50,000 clients).
-- CreateIndex
CREATE INDEX "Client_status_caseNumber_idx" ON "Client"("status", "caseNumber");
