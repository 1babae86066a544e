-- Online filing and registration (DESIGN §4, seed 004 三(一)2, seed 003): applications, the review trail,
-- the applicant's files, and the certificates approvals issue.

-- An organization leader's account is tied to their organization once it exists (one identity for life).
ALTER TABLE users ADD COLUMN org_id bigint REFERENCES orgs (id);

CREATE TABLE applications (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('filing', 'filing_change', 'filing_deregistration',
                                                'registration', 'registration_change', 'registration_deregistration')),
  status          text NOT NULL CHECK (status IN ('draft', 'in_review', 'returned', 'approved', 'rejected', 'withdrawn')),
  -- the organization changed or deregistered; for an establishment, set when the approval creates it
  -- (a filed organization that registers keeps its id: then it is set from the start)
  org_id          bigint REFERENCES orgs (id),
  name            text NOT NULL,
  region_id       bigint NOT NULL REFERENCES regions (id),
  level1_id       bigint,
  level2_id       bigint,
  level3_id       bigint,
  level4_id       bigint,
  level5_id       bigint,
  level6_id       bigint,
  -- the proposed registry fields, the member list, the charter text, or the deregistration reason
  data            jsonb NOT NULL,
  -- the chain of steps fixed at first submission, from the district's setting
  steps           text[] NOT NULL DEFAULT '{}',
  current_step    text CHECK (current_step IN ('community', 'street', 'district')),
  step_due_on     date,
  -- the due date reaches a year whose holiday schedule is not known yet
  due_uncertain   boolean NOT NULL DEFAULT false,
  applicant_id    bigint NOT NULL REFERENCES users (id),
  on_behalf       boolean NOT NULL DEFAULT false,
  submitted_at    timestamptz,
  decided_at      timestamptz,
  certificate_no  text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_queue_idx ON applications (status, current_step, step_due_on);
CREATE INDEX applications_level3_idx ON applications (level3_id);
CREATE INDEX applications_level4_idx ON applications (level4_id);
CREATE INDEX applications_level5_idx ON applications (level5_id);
CREATE INDEX applications_applicant_idx ON applications (applicant_id);
CREATE INDEX applications_org_idx ON applications (org_id) WHERE org_id IS NOT NULL;

-- The trail: every step records its decision, opinion, person and time.
CREATE TABLE application_events (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES applications (id),
  at              timestamptz NOT NULL DEFAULT now(),
  actor_id        bigint REFERENCES users (id),
  actor_name      text NOT NULL,
  actor_role      text,
  step            text,
  action          text NOT NULL CHECK (action IN ('create', 'submit', 'resubmit', 'approve', 'return', 'reject', 'withdraw')),
  opinion         text,
  due_on          date
);
CREATE INDEX application_events_app_idx ON application_events (application_id, id);

CREATE TABLE application_attachments (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES applications (id),
  kind            text NOT NULL,
  filename        text NOT NULL,
  mime_type       text NOT NULL,
  size_bytes      integer NOT NULL,
  content         bytea NOT NULL,
  uploaded_at     timestamptz NOT NULL DEFAULT now(),
  uploaded_by     bigint REFERENCES users (id)
);
CREATE INDEX application_attachments_app_idx ON application_attachments (application_id);

-- 备案证明 / registration certificate records. A change issues a new number and supersedes the old one;
-- deregistration revokes. `details` holds only public fields (the verification page shows nothing else).
CREATE TABLE certificates (
  number            text PRIMARY KEY,
  org_id            bigint NOT NULL REFERENCES orgs (id),
  application_id    bigint REFERENCES applications (id),
  kind              text NOT NULL CHECK (kind IN ('filing', 'registration')),
  status            text NOT NULL CHECK (status IN ('valid', 'superseded', 'revoked')),
  issued_on         date NOT NULL,
  issuer_name       text NOT NULL,
  issuer_region_id  bigint REFERENCES regions (id),
  details           jsonb NOT NULL,
  superseded_by     text REFERENCES certificates (number),
  revoked_on        date,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX certificates_org_idx ON certificates (org_id);
CREATE SEQUENCE certificate_serial;
