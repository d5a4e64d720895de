-- One company register per municipality (= per jobbot instance), issue 14.
--
-- Decision: the seeds ask for "én indgang til kommunen i form af en fast
-- kontaktperson" (seed 002): a company meets one jobcenter, not one per team.
-- So a company is shared by all teams, its fixed contact consultant may be in
-- any team, names are compared ("mente du …?") across the whole register, and
-- a CVR number belongs to one company in the instance. Company facts are not
-- citizen data, and who may see the citizens behind a company is still decided by
-- the access rule (src/domain/access.ts).
--
-- Merge rule for the per-team registers that exist already:
-- * Companies with the same comparable name (nameKey: case, spacing, hyphens
--   and æ/ae, ø/oe, å/aa folded) or the same CVR number are one company, and
--   so, transitively, is everything linked to them that way.
-- * The earliest registered company of each group is kept (createdAt, then
--   id): its name, its creator. It takes the earliest contact in the group
--   (its own if it has one) and the earliest CVR number if it has none.
-- * The other names of the group are kept as aliases, so typing a merged name
--   still finds the company.
-- * Placements and wish-list entries of the merged companies are re-linked to
--   the kept one, and nothing else changes (wishes keep their contact records).
-- * Each merged company leaves an audit row (action company.merge, channel IMPORT)
--   with its team, name, CVR number and contact, so a dropped second CVR
--   number or contact can be found and set again with /virksomhed set.

-- The per-team unique indexes go first: a kept company may take a CVR number
-- that a merged company of its own team holds until it is deleted below.
-- DropForeignKey
ALTER TABLE "Company" DROP CONSTRAINT "Company_teamId_fkey";

-- DropIndex
DROP INDEX "Company_teamId_cvr_key";

-- DropIndex
DROP INDEX "Company_teamId_nameKey_key";

-- Each company and the company it merges into (itself when it is kept).
CREATE TABLE "_CompanyMerge" AS
WITH RECURSIVE link (a, b) AS (
  SELECT x."id", y."id"
  FROM "Company" x
  JOIN "Company" y ON x."nameKey" = y."nameKey" OR (x."cvr" IS NOT NULL AND x."cvr" = y."cvr")
), reach (a, b) AS (
  SELECT a, b FROM link
  UNION
  SELECT r.a, l.b FROM reach r JOIN link l ON l.a = r.b
)
SELECT DISTINCT ON (r.a) r.a AS "id", c."id" AS "keepId"
FROM reach r
JOIN "Company" c ON c."id" = r.b
ORDER BY r.a, c."createdAt", c."id";

UPDATE "Company" k SET
  "contactId" = COALESCE(k."contactId", (
    SELECT c."contactId" FROM "_CompanyMerge" m JOIN "Company" c ON c."id" = m."id"
    WHERE m."keepId" = k."id" AND c."contactId" IS NOT NULL ORDER BY c."createdAt", c."id" LIMIT 1)),
  "cvr" = COALESCE(k."cvr", (
    SELECT c."cvr" FROM "_CompanyMerge" m JOIN "Company" c ON c."id" = m."id"
    WHERE m."keepId" = k."id" AND c."cvr" IS NOT NULL ORDER BY c."createdAt", c."id" LIMIT 1))
WHERE k."id" IN (SELECT "keepId" FROM "_CompanyMerge" WHERE "id" <> "keepId");

INSERT INTO "AuditLog" ("action", "channel", "details")
SELECT 'company.merge', 'IMPORT'::"SourceChannel",
  jsonb_build_object('companyId', m."keepId", 'mergedCompanyId', c."id", 'teamId', c."teamId", 'name', c."name", 'cvr', c."cvr", 'contactId', c."contactId")
FROM "_CompanyMerge" m JOIN "Company" c ON c."id" = m."id"
WHERE m."id" <> m."keepId";

UPDATE "Placement" p SET "companyId" = m."keepId" FROM "_CompanyMerge" m WHERE p."companyId" = m."id" AND m."id" <> m."keepId";

UPDATE "CompanyWish" w SET "companyId" = m."keepId" FROM "_CompanyMerge" m WHERE w."companyId" = m."id" AND m."id" <> m."keepId";

-- AlterTable
ALTER TABLE "Company" DROP COLUMN "teamId",
ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- The merged names as aliases of the kept company (one per comparable name, the earliest spelling).
UPDATE "Company" k SET "aliases" = ARRAY(
  SELECT DISTINCT ON (c."nameKey") c."name" FROM "_CompanyMerge" m JOIN "Company" c ON c."id" = m."id"
  WHERE m."keepId" = k."id" AND c."nameKey" <> k."nameKey"
  ORDER BY c."nameKey", c."createdAt", c."id")
WHERE k."id" IN (SELECT "keepId" FROM "_CompanyMerge" WHERE "id" <> "keepId");

DELETE FROM "Company" c USING "_CompanyMerge" m WHERE c."id" = m."id" AND m."id" <> m."keepId";

DROP TABLE "_CompanyMerge";

-- CreateIndex
CREATE UNIQUE INDEX "Company_nameKey_key" ON "Company"("nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Company_cvr_key" ON "Company"("cvr");
