-- Personal data encrypted at rest (issue 12 §5; PIPL art. 28, 51; GB/T 35273 §6.3). Each column that held a
-- resident ID number or a phone in clear gets three beside it: the AES-256-GCM ciphertext (`_enc`, text
-- `sz1.<keyId>.<base64url>`, src/server/lib/personal-data.ts), the masked form every reader shows (`_masked`),
-- and a keyed hash (HMAC-SHA256) for exact-match duplicate checks (`_hash`). The data step registered for this
-- migration (src/server/db/data-steps.ts) seals the existing rows, jsonb documents and stored files in batches;
-- migration 0016 then drops the clear columns.
ALTER TABLE users ADD COLUMN phone_enc text, ADD COLUMN phone_masked text, ADD COLUMN phone_hash text;
ALTER TABLE orgs
  ADD COLUMN leader_id_number_enc text, ADD COLUMN leader_id_number_masked text, ADD COLUMN leader_id_number_hash text,
  ADD COLUMN leader_phone_enc text, ADD COLUMN leader_phone_masked text, ADD COLUMN leader_phone_hash text;
CREATE INDEX orgs_leader_id_number_hash_idx ON orgs (leader_id_number_hash) WHERE leader_id_number_hash IS NOT NULL;
CREATE INDEX users_phone_hash_idx ON users (phone_hash) WHERE phone_hash IS NOT NULL;

-- `npx shezu keys rotate`: one row per target key, its progress (pass, table, last key done) written with each
-- batch, so an interrupted rotation continues where it stopped.
CREATE TABLE key_rotations (
  target_key_id  text PRIMARY KEY,
  from_key_id    text NOT NULL,
  progress       jsonb NOT NULL,
  resealed       bigint NOT NULL DEFAULT 0,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);
