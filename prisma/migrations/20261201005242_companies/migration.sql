-- Company register (issue 14). Existing placements and wish lists keep their
-- free-text names: the register is empty when this runs, so there is nothing
-- to link here. A company is linked to the team's existing placements and
-- wishes when it is registered (/virksomhed add), by the same comparable-name
-- rule as every lookup (case and æ/ae/ø/oe/å/aa folded), which SQL alone
-- would not reproduce.

-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "companyId" TEXT;

-- CreateTable
CREATE TABLE "Company" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "cvr" TEXT,
    "contactId" TEXT,
    "createdById" TEXT NOT NULL,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompanyWish" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "companyId" TEXT,
    "contactedOn" DATE,
    "contactedById" TEXT,
    "contactResult" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompanyWish_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Company_contactId_idx" ON "Company"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "Company_teamId_nameKey_key" ON "Company"("teamId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Company_teamId_cvr_key" ON "Company"("teamId", "cvr");

-- CreateIndex
CREATE INDEX "CompanyWish_companyId_idx" ON "CompanyWish"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "CompanyWish_citizenId_nameKey_key" ON "CompanyWish"("citizenId", "nameKey");

-- CreateIndex
CREATE INDEX "Placement_companyId_idx" ON "Placement"("companyId");

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Company" ADD CONSTRAINT "Company_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Company" ADD CONSTRAINT "Company_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompanyWish" ADD CONSTRAINT "CompanyWish_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompanyWish" ADD CONSTRAINT "CompanyWish_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE SET NULL ON UPDATE CASCADE;
