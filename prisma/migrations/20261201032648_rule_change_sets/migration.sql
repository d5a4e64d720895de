-- AlterTable
ALTER TABLE "RuleChange" ADD COLUMN     "ruleSet" JSONB;
