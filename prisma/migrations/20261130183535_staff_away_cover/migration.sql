-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "awayCoverId" TEXT;
