-- Issue 24: admin is a flag on the account, granted and revoked only by an operator command
-- (`./run.sh admin grant EMAIL`, `dotnet RoleFerry.Silo.dll admin grant EMAIL`), never inferred from an email
-- address. The accounts that held admin rights through the retired `RoleFerry:AdminEmails` setting when this
-- migration runs keep them: the migration runner passes that setting in as `roleferry.legacy_admin_emails`
-- (one address per line, unset when the setting is empty). An address registered later gets no rights from it.
ALTER TABLE users ADD COLUMN IF NOT EXISTS is_admin boolean NOT NULL DEFAULT false;

UPDATE users SET is_admin = true
WHERE lower(email) IN (
    SELECT lower(trim(address))
    FROM unnest(string_to_array(current_setting('roleferry.legacy_admin_emails', true), E'\n')) AS address);
