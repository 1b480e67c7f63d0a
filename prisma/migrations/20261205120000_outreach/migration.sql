-- Prevention outreach (宣传"十进", issue 16): education events logged with `/outreach`, counted
-- in the weekly report and exported.
-- CreateEnum
CREATE TYPE "OutreachSetting" AS ENUM ('school', 'workplace', 'family', 'venue', 'community', 'rural', 'cinema', 'online', 'construction_site', 'enterprise');

-- CreateEnum
CREATE TYPE "OutreachFormat" AS ENUM ('talk', 'exhibition', 'performance', 'leaflets', 'consultation', 'online_campaign', 'other');

-- CreateTable
CREATE TABLE "OutreachEvent" (
    "id" SERIAL NOT NULL,
    "communityId" INTEGER,
    "setting" "OutreachSetting" NOT NULL,
    "date" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "formats" "OutreachFormat"[],
    "audience" INTEGER NOT NULL,
    "partners" TEXT,
    "notes" TEXT,
    "recordedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),
    "deletedBy" TEXT,

    CONSTRAINT "OutreachEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutreachEvent_date_idx" ON "OutreachEvent"("date");

-- AddForeignKey
ALTER TABLE "OutreachEvent" ADD CONSTRAINT "OutreachEvent_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutreachEvent" ADD CONSTRAINT "OutreachEvent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What the form checks, kept by the database too: a title, at least one format, an audience in range.
ALTER TABLE "OutreachEvent" ADD CONSTRAINT "OutreachEvent_title_length" CHECK (char_length("title") BETWEEN 1 AND 100);
ALTER TABLE "OutreachEvent" ADD CONSTRAINT "OutreachEvent_formats_given" CHECK (cardinality("formats") >= 1);
ALTER TABLE "OutreachEvent" ADD CONSTRAINT "OutreachEvent_audience_range" CHECK ("audience" BETWEEN 0 AND 100000);
