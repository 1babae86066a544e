import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { RiskKind, RiskLevel } from '../modules/signals/index.js';

// Migration 0024 (risk items closed by 销号, and the charter term on orgs): its tables, merged into the database
// types. Import this file for its side effect from the repositories that read them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Bigint = ColumnType<number, number | bigint | string, number | bigint | string>;
type Json<T> = ColumnType<T, string, string>;

export const RISK_STATUSES = ['open', 'reminded', 'interview_noticed', 'rectifying', 'reported', 'verified', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export type RiskOutcome = 'fixed' | 'not_fixed_credit' | 'org_deregistered' | 'false_alarm' | 'transferred';
export type RiskStepKind = 'opened' | 'reminder' | 'interview_notice' | 'interview_record' | 'report' | 'verification' | 'closed' | 'signal_ended';

export interface RiskItemsTable {
  id: Generated<number>;
  org_id: Bigint;
  kind: RiskKind;
  source: string;
  subject_kind: string;
  subject_id: Bigint;
  detected_on: DateColumn;
  evidence: string;
  level: RiskLevel;
  due_on: DateColumn;
  basis: string;
  opened_on: DateColumn;
  signal_ended_on: DateColumn | null;
  owner_region_id: Bigint;
  region_id: Bigint;
  level1_id: Bigint | null;
  level2_id: Bigint | null;
  level3_id: Bigint | null;
  level4_id: Bigint | null;
  level5_id: Bigint | null;
  level6_id: Bigint | null;
  status: Generated<RiskStatus>;
  interviewed_on: DateColumn | null;
  rectify_due_on: DateColumn | null;
  remedied_on: DateColumn | null;
  outcome: RiskOutcome | null;
  closed_on: DateColumn | null;
  closed_by: Bigint | null;
  close_note: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface RiskStepsTable {
  id: Generated<number>;
  item_id: Bigint;
  step: RiskStepKind;
  on_day: DateColumn;
  data: Json<Record<string, unknown>>;
  by_user: Bigint | null;
  by_name: string | null;
  at: Timestamp;
}

declare module './types.js' {
  interface DB {
    risk_items: RiskItemsTable;
    risk_steps: RiskStepsTable;
  }
  interface OrgsTable {
    term_years: number | null;
    last_election_on: DateColumn | null;
  }
}

export type RiskItemRow = Selectable<RiskItemsTable>;
export type NewRiskItem = Insertable<RiskItemsTable>;
export type RiskStepRow = Selectable<RiskStepsTable>;
