-- A status period never ends before it starts. Periods that a change dated on their first day
-- replaced were stored with "endsOn" = "startsOn" - 1 before this migration: they never took
-- effect, so they move to the revisions (nothing recorded is lost) and the rule is enforced by
-- the database from now on.
INSERT INTO "RecordRevision" ("entity", "entityId", "clientId", "version", "change", "data", "editedById", "editedAt")
SELECT 'client_status_period', p."id", p."clientId", 1, 'replace',
       jsonb_build_object(
         'status', p."status"::text,
         'previousStatus', p."previousStatus"::text,
         'startsOn', to_char(p."startsOn", 'YYYY-MM-DD'),
         'endsOn', to_char(p."endsOn", 'YYYY-MM-DD'),
         'reason', p."reason",
         'receivingPlace', p."receivingPlace",
         'recordedById', p."recordedById",
         'createdAt', to_char(p."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
       ),
       p."recordedById", p."createdAt"
FROM "ClientStatusPeriod" p
WHERE p."endsOn" IS NOT NULL AND p."endsOn" < p."startsOn";

DELETE FROM "ClientStatusPeriod" WHERE "endsOn" IS NOT NULL AND "endsOn" < "startsOn";

ALTER TABLE "ClientStatusPeriod" ADD CONSTRAINT "ClientStatusPeriod_ends_after_start" CHECK ("endsOn" IS NULL OR "endsOn" >= "startsOn");
