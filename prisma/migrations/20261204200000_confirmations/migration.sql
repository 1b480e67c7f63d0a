-- CreateTable
CREATE TABLE "Confirmation" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "channelId" TEXT,
    "text" TEXT,
    "blocks" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "tried" BOOLEAN NOT NULL DEFAULT false,
    "claimedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "abandonedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Confirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Confirmation_deliveredAt_abandonedAt_nextAttemptAt_idx" ON "Confirmation"("deliveredAt", "abandonedAt", "nextAttemptAt");
