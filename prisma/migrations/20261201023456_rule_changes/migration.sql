-- CreateTable
CREATE TABLE "RuleChange" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "mapping" JSONB,
    "appliedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RuleChange_pkey" PRIMARY KEY ("id")
);
