-- Access follows the staff list (data only, no schema change).
-- 1. Admin rights given by ADMIN_USER_IDS no longer live in the Staff row the bot creates for a
--    listed id: such rows become plain workers, so an id taken out of the list is no longer an
--    admin. A row whose admin role an admin gave (`staff add … admin`, audited as staff.role) keeps it.
UPDATE "Staff" s SET role = 'worker'
WHERE s.role = 'admin'
  AND EXISTS (SELECT 1 FROM "AuditLog" a WHERE a.action = 'staff.bootstrap_admin' AND a."entityId" = s.id::text)
  AND NOT EXISTS (SELECT 1 FROM "AuditLog" a WHERE a.action = 'staff.role' AND a."entityId" = s.id::text AND a.detail->>'to' = 'admin');

-- 2. Staff removed from every community before removal deactivated them are inactive too
--    (rows created for ADMIN_USER_IDS have no community and stay as they are).
UPDATE "Staff" s SET active = false
WHERE s.active
  AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."staffId" = s.id)
  AND NOT EXISTS (SELECT 1 FROM "AuditLog" a WHERE a.action = 'staff.bootstrap_admin' AND a."entityId" = s.id::text);
