-- AlterTable
ALTER TABLE "ClientStatusPeriod" ADD COLUMN     "previousStatus" "ClientStatus";

-- CreateTable
CREATE TABLE "RecordRevision" (
    "id" SERIAL NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "clientId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "editedById" INTEGER NOT NULL,
    "editedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,

    CONSTRAINT "RecordRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecordRevision_clientId_editedAt_idx" ON "RecordRevision"("clientId", "editedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RecordRevision_entity_entityId_version_key" ON "RecordRevision"("entity", "entityId", "version");

-- AddForeignKey
ALTER TABLE "RecordRevision" ADD CONSTRAINT "RecordRevision_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordRevision" ADD CONSTRAINT "RecordRevision_editedById_fkey" FOREIGN KEY ("editedById") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
