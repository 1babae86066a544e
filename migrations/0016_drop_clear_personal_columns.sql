-- The clear columns go once the data step of migration 0015 has sealed every row (migrate.ts runs it before this
-- file): from here on no table holds a resident ID number or a phone in clear.
ALTER TABLE users DROP COLUMN phone;
ALTER TABLE orgs DROP COLUMN leader_id_number, DROP COLUMN leader_phone;
