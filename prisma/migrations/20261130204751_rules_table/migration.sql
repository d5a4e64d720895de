-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TargetGroup" ADD VALUE 'DAGPENGE';
ALTER TYPE "TargetGroup" ADD VALUE 'LEDIGHEDSYDELSE';
ALTER TYPE "TargetGroup" ADD VALUE 'FLEKSJOB';
ALTER TYPE "TargetGroup" ADD VALUE 'JOBAFKLARING';
ALTER TYPE "TargetGroup" ADD VALUE 'INTEGRATION';

-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "extendedOn" DATE,
ADD COLUMN     "extensionReason" TEXT,
ADD COLUMN     "firstFollowUpDays" INTEGER;
