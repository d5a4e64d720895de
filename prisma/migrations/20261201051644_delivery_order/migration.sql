-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "seq" SERIAL NOT NULL;
