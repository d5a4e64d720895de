-- CreateEnum
CREATE TYPE "MentorKind" AS ENUM ('JOBCENTER', 'WORKPLACE', 'EDUCATION', 'PRIVATE', 'OTHER');

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "noConsultantFlagDays" INTEGER DEFAULT 14;

-- CreateTable
CREATE TABLE "ConsultantChange" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "fromStaffId" TEXT,
    "toStaffId" TEXT,
    "changedById" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultantChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorSupport" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "kind" "MentorKind" NOT NULL,
    "organisation" TEXT,
    "startOn" DATE NOT NULL,
    "endOn" DATE,
    "createdById" TEXT NOT NULL,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentorSupport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsultantChange_citizenId_idx" ON "ConsultantChange"("citizenId");

-- CreateIndex
CREATE INDEX "MentorSupport_citizenId_idx" ON "MentorSupport"("citizenId");

-- CreateIndex
CREATE INDEX "MentorSupport_endOn_idx" ON "MentorSupport"("endOn");

-- AddForeignKey
ALTER TABLE "ConsultantChange" ADD CONSTRAINT "ConsultantChange_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorSupport" ADD CONSTRAINT "MentorSupport_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;
