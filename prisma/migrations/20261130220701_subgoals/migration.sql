-- CreateEnum
CREATE TYPE "SubGoalStatus" AS ENUM ('OPEN', 'REACHED', 'DROPPED');

-- CreateEnum
CREATE TYPE "Readiness" AS ENUM ('READY', 'CLOSE', 'FURTHER');

-- CreateTable
CREATE TABLE "SubGoal" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "deadlineOn" DATE,
    "status" "SubGoalStatus" NOT NULL DEFAULT 'OPEN',
    "closedOn" DATE,
    "createdById" TEXT NOT NULL,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubGoal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReadinessChange" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "readiness" "Readiness" NOT NULL,
    "setOn" DATE NOT NULL,
    "setById" TEXT NOT NULL,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadinessChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubGoal_status_deadlineOn_idx" ON "SubGoal"("status", "deadlineOn");

-- CreateIndex
CREATE UNIQUE INDEX "SubGoal_citizenId_number_key" ON "SubGoal"("citizenId", "number");

-- CreateIndex
CREATE INDEX "ReadinessChange_citizenId_createdAt_idx" ON "ReadinessChange"("citizenId", "createdAt");

-- AddForeignKey
ALTER TABLE "SubGoal" ADD CONSTRAINT "SubGoal_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadinessChange" ADD CONSTRAINT "ReadinessChange_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;
