-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TargetMetric" ADD VALUE 'READINESS_MOVES';
ALTER TYPE "TargetMetric" ADD VALUE 'SUB_GOALS_REACHED';
ALTER TYPE "TargetMetric" ADD VALUE 'PLACEMENTS_RETAINED';

-- CreateTable
CREATE TABLE "StaffMonthlyTarget" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "metric" "TargetMetric" NOT NULL,
    "month" DATE NOT NULL,
    "target" INTEGER NOT NULL,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffMonthlyTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffMonthlyTarget_teamId_month_idx" ON "StaffMonthlyTarget"("teamId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMonthlyTarget_staffId_metric_month_key" ON "StaffMonthlyTarget"("staffId", "metric", "month");

-- AddForeignKey
ALTER TABLE "StaffMonthlyTarget" ADD CONSTRAINT "StaffMonthlyTarget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffMonthlyTarget" ADD CONSTRAINT "StaffMonthlyTarget_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
