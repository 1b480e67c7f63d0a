-- AlterTable
ALTER TABLE "Client" ADD COLUMN     "caseNumberKey" TEXT;

-- Case numbers are unique whatever their letter case, in the database itself: a trigger keeps
-- "caseNumberKey" = upper("caseNumber") on every insert and update, and its index is unique.
CREATE FUNCTION "client_case_number_key"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."caseNumberKey" := upper(NEW."caseNumber");
  RETURN NEW;
END $$;

-- Existing files: should two differ only in case (possible before this release), the later keeps
-- a key of its own (marked with its id) so that nothing is lost; the intake refuses new ones.
UPDATE "Client" c SET "caseNumberKey" = CASE
  WHEN EXISTS (SELECT 1 FROM "Client" o WHERE upper(o."caseNumber") = upper(c."caseNumber") AND o.id < c.id)
  THEN upper(c."caseNumber") || '#' || c.id ELSE upper(c."caseNumber") END;

-- CreateIndex
CREATE UNIQUE INDEX "Client_caseNumberKey_key" ON "Client"("caseNumberKey");

-- From now on the trigger keeps it (after the backfill above, which it would overwrite).
CREATE TRIGGER "Client_case_number_key" BEFORE INSERT OR UPDATE OF "caseNumber", "caseNumberKey" ON "Client"
  FOR EACH ROW EXECUTE FUNCTION "client_case_number_key"();
