import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CreditList } from '../../shared/schemas/credit-public.js';
import type { CreditEventKind, CreditStatus } from '../../shared/schemas/credit.js';

// Migration 0022 (credit lists: entries, their grounds and timeline, requests, letters, proposals, notice numbers),
// merged into the database types. Import this file for its side effect from the repositories that read them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Bigint = ColumnType<number, number | bigint | string, number | bigint | string>;

export interface CreditEntriesTable {
  id: Generated<number>;
  org_id: Bigint;
  list: CreditList;
  rule_key: string;
  rule_on: DateColumn;
  status: CreditStatus;
  origin: 'automatic' | 'manual' | 'proposal';
  notice_no: string;
  noticed_on: DateColumn;
  objection_due_on: DateColumn;
  record_due_on: DateColumn;
  listed_on: DateColumn | null;
  period_from: DateColumn | null;
  basis_note: string | null;
  compliance_verified_on: DateColumn | null;
  removal_due_on: DateColumn | null;
  removed_on: DateColumn | null;
  removal_rule_key: string | null;
  removal_reason: string | null;
  moved_on: DateColumn | null;
  moved_from_id: Bigint | null;
  withdrawn_on: DateColumn | null;
  created_by: Bigint | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface CreditGroundsTable {
  id: Generated<number>;
  entry_id: Bigint;
  org_id: Bigint;
  rule_key: string;
  subject_kind: string;
  subject_id: Bigint;
  fact_on: DateColumn;
  evidence: string;
  remedied_on: DateColumn | null;
  effect: 'opened' | 'restarted';
  created_at: Timestamp;
}

export interface CreditEventsTable {
  id: Generated<number>;
  entry_id: Bigint;
  kind: CreditEventKind;
  on_day: DateColumn;
  rule_key: string | null;
  reason: string | null;
  actor_id: Bigint | null;
  created_at: Timestamp;
}

export interface CreditRequestsTable {
  id: Generated<number>;
  entry_id: Bigint;
  kind: 'objection' | 'removal';
  statement: string;
  filed_on: DateColumn;
  filed_by: Bigint;
  status: Generated<'pending' | 'approved' | 'rejected' | 'withdrawn'>;
  decided_on: DateColumn | null;
  opinion: string | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface CreditLettersTable {
  id: Generated<number>;
  org_id: Bigint;
  sent_on: DateColumn;
  tracking_no: string;
  address: string;
  signed: boolean;
  outcome_on: DateColumn | null;
  note: string | null;
  recorded_by: Bigint | null;
  recorded_at: Timestamp;
}

export interface CreditProposalsTable {
  id: Generated<number>;
  org_id: Bigint;
  rule_key: string;
  subject_kind: string;
  subject_id: Bigint;
  fact_on: DateColumn;
  evidence: string;
  status: Generated<'pending' | 'confirmed' | 'dismissed'>;
  entry_id: Bigint | null;
  decided_by: Bigint | null;
  decided_on: DateColumn | null;
  reason: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface CreditNoticeCountersTable {
  district_id: Bigint;
  year: number;
  last_no: number;
}

declare module './types.js' {
  interface DB {
    credit_entries: CreditEntriesTable;
    credit_grounds: CreditGroundsTable;
    credit_events: CreditEventsTable;
    credit_requests: CreditRequestsTable;
    credit_letters: CreditLettersTable;
    credit_proposals: CreditProposalsTable;
    credit_notice_counters: CreditNoticeCountersTable;
  }
}

export type CreditEntryRow = Selectable<CreditEntriesTable>;
export type NewCreditEntry = Insertable<CreditEntriesTable>;
export type CreditGroundRow = Selectable<CreditGroundsTable>;
export type CreditEventRow = Selectable<CreditEventsTable>;
export type CreditRequestRow = Selectable<CreditRequestsTable>;
export type CreditLetterRow = Selectable<CreditLettersTable>;
export type CreditProposalRow = Selectable<CreditProposalsTable>;
