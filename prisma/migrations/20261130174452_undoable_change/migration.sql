-- CreateTable
CREATE TABLE "UndoableChange" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "actorId" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "citizenIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "steps" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "UndoableChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UndoableChange_actorId_seq_idx" ON "UndoableChange"("actorId", "seq");
