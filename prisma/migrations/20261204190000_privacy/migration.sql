-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "erasedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "AuditLog_detail_idx" ON "AuditLog" USING GIN ("detail" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");
