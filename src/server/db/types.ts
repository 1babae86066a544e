import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { ApplicationKind, ApplicationStatus, LegalForm, OrgStatus, RegionKind, ReviewStep, Role } from '../../shared/enums.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegionsTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  level: number;
  kind: RegionKind;
  kind_manual: Generated<boolean>;
  level1_id: number | null;
  level2_id: number | null;
  level3_id: number | null;
  level4_id: number | null;
  level5_id: number | null;
  level6_id: number | null;
  pinyin: string;
  initials: string;
  name_bigrams: string[];
  population: number | null;
  population_updated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  region_id: number | null;
  /** The phone sealed (migration 0015): ciphertext, masked form, keyed hash. */
  phone_enc: string | null;
  phone_masked: string | null;
  phone_hash: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled: Generated<boolean>;
  /** An organization leader's own organization, once it exists. */
  org_id: Generated<number | null>;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  old_value: unknown;
  new_value: unknown;
  request_id: string | null;
  ip: string | null;
  region_code: string | null;
}

/** Where a record is placed: its node and that node's ancestors per level (the jurisdiction filter is one equality). */
export interface PlacementColumns {
  region_id: number;
  level1_id: number | null;
  level2_id: number | null;
  level3_id: number | null;
  level4_id: number | null;
  level5_id: number | null;
  level6_id: number | null;
}

export interface OrgsTable extends PlacementColumns {
  id: Generated<number>;
  name: string;
  former_names: Generated<string[]>;
  credit_code: string | null;
  legal_form: LegalForm;
  category: string;
  address: string | null;
  leader_name: string | null;
  /** Personal data sealed (migration 0015, lib/personal-data.ts): ciphertext, masked form, keyed hash. */
  leader_id_number_enc: string | null;
  leader_id_number_masked: string | null;
  leader_id_number_hash: string | null;
  leader_phone_enc: string | null;
  leader_phone_masked: string | null;
  leader_phone_hash: string | null;
  individual_members: number | null;
  unit_members: number | null;
  founded_on: string | null;
  purpose: string | null;
  activities: string | null;
  venue: string | null;
  hub_org_id: number | null;
  status: OrgStatus;
  is_demo_site: Generated<boolean>;
  is_brand: Generated<boolean>;
  is_incubating: Generated<boolean>;
  certificate_no: string | null;
  pinyin: string;
  initials: string;
  search_grams: string[];
  /** The normalized search form of the names, when it differs from them (migration 0014). */
  search_name: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: number | null;
}

export interface OrgHistoryTable {
  id: Generated<number>;
  org_id: number;
  version: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  reason: string | null;
  changes: unknown;
}

export interface OrgAttachmentsTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_at: Timestamp;
  uploaded_by: number | null;
}

export interface DistrictSettingsTable {
  region_id: number;
  key: string;
  value: unknown;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface ImportJobsTable {
  id: string;
  user_id: number;
  kind: string;
  filename: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'interrupted';
  total: Generated<number>;
  processed: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  skipped: Generated<number>;
  error: string | null;
  report: Buffer | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  /** The uploaded file, kept until the job is done so an interrupted job can be resumed (migration 0011). */
  file: Buffer | null;
  unknown_headers: Generated<string[]>;
  heartbeat_at: Timestamp | null;
  runner: string | null;
}

export interface ImportJobProblemsTable {
  job_id: string;
  row_number: number;
  seq: number;
  column_name: string;
  message: string;
}

export interface ApplicationsTable extends PlacementColumns {
  id: Generated<number>;
  kind: ApplicationKind;
  status: ApplicationStatus;
  org_id: number | null;
  name: string;
  data: unknown;
  // The chain's state (steps, current step, due date) lives in review_cases (migration 0013).
  applicant_id: number;
  on_behalf: Generated<boolean>;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  certificate_no: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  actor_role: string | null;
  step: ReviewStep | null;
  // What happens outside the review chain: the draft is created, a draft is withdrawn (the chain's own events are
  // review_events, migration 0013).
  action: 'create' | 'withdraw';
  opinion: string | null;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ApplicationAttachmentsTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_at: Timestamp;
  uploaded_by: number | null;
}

export type ReviewCaseStatus = 'in_review' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export type ReviewAction = 'submit' | 'resubmit' | 'approve' | 'return' | 'reject' | 'withdraw';

export interface ReviewCasesTable extends PlacementColumns {
  id: Generated<number>;
  subject_kind: string;
  subject_id: number;
  title: string;
  steps: ReviewStep[];
  current_step: ReviewStep | null;
  step_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  due_uncertain: Generated<boolean>;
  status: ReviewCaseStatus;
  submitted_by: number;
  submitted_at: Timestamp;
  decided_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReviewEventsTable {
  id: Generated<number>;
  case_id: number;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  actor_role: string | null;
  step: ReviewStep | null;
  action: ReviewAction;
  opinion: string | null;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CertificatesTable {
  number: string;
  org_id: number;
  application_id: number | null;
  kind: 'filing' | 'registration';
  status: 'valid' | 'superseded' | 'revoked';
  issued_on: ColumnType<string, string, string>;
  issuer_name: string;
  issuer_region_id: number | null;
  details: unknown;
  superseded_by: string | null;
  revoked_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Timestamp;
  /** The progress of the migration's data step (migrate.ts DataStep) and when it ended. */
  step_progress: unknown;
  step_done_at: Timestamp | null;
}

/** `shezu keys rotate`: a rotation to one key, its progress written with each batch (migration 0015). */
export interface KeyRotationsTable {
  target_key_id: string;
  from_key_id: string;
  progress: unknown;
  resealed: Generated<number>;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
}

export interface DB {
  regions: RegionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
  key_rotations: KeyRotationsTable;
  orgs: OrgsTable;
  org_history: OrgHistoryTable;
  org_attachments: OrgAttachmentsTable;
  district_settings: DistrictSettingsTable;
  import_jobs: ImportJobsTable;
  import_job_problems: ImportJobProblemsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_attachments: ApplicationAttachmentsTable;
  certificates: CertificatesTable;
  review_cases: ReviewCasesTable;
  review_events: ReviewEventsTable;
  search_backfills: SearchBackfillsTable;
}

/** Progress of a start-up recomputation of derived search columns (migration 0014). */
export interface SearchBackfillsTable {
  name: string;
  last_id: Generated<number>;
  until_id: number;
  updated: Generated<number>;
  done_at: Timestamp | null;
}

export type OrgRow = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;

export type RegionRow = Selectable<RegionsTable>;
export type NewRegion = Insertable<RegionsTable>;
export type UserRow = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type CertificateRow = Selectable<CertificatesTable>;
export type ReviewCaseRow = Selectable<ReviewCasesTable>;
export type ReviewEventRow = Selectable<ReviewEventsTable>;

/** What every repository and use case takes: the database or the transaction it runs in. */
export type Db = Kysely<DB> | Transaction<DB>;
