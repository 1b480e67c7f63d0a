-- AlterTable
ALTER TABLE "DailyPost" ADD COLUMN     "doneClientIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "entries" JSONB;

-- CreateTable
CREATE TABLE "LegalFlagNotice" (
    "id" SERIAL NOT NULL,
    "clientId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "raisedOn" DATE NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LegalFlagNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LegalFlagNotice_clientId_key_key" ON "LegalFlagNotice"("clientId", "key");

-- AddForeignKey
ALTER TABLE "LegalFlagNotice" ADD CONSTRAINT "LegalFlagNotice_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
