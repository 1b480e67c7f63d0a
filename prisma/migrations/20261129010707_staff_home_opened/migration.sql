-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "homeOpenedAt" TIMESTAMPTZ(3);
