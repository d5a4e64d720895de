-- AlterTable
ALTER TABLE "ReminderState" ADD COLUMN     "escalatedOn" DATE,
ADD COLUMN     "lastRemindedOn" DATE,
ADD COLUMN     "remindedCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "escalateAfterReminders" INTEGER DEFAULT 3;
