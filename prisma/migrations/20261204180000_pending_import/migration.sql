-- CreateTable
CREATE TABLE "PendingImport" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "fileId" TEXT,
    "fileName" TEXT,
    "content" BYTEA,
    "checkedAt" TIMESTAMPTZ(3),
    "appliedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PendingImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingImport_fileId_key" ON "PendingImport"("fileId");

-- CreateIndex
CREATE INDEX "PendingImport_userId_requestedAt_idx" ON "PendingImport"("userId", "requestedAt");
