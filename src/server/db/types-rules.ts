import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { PenaltyKind } from '../../shared/schemas/penalties.js';

// Migration 0021 (rules as data, district overrides, administrative penalties): its tables, merged into the database
// types. Import this file for its side effect from the repositories that read them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Bigint = ColumnType<number, number | bigint | string, number | bigint | string>;
type Json<T> = ColumnType<T, string, string>;

export type RuleCertainty = 'found' | 'draft' | 'local' | 'inferred';
export interface OverridableParam {
  type: 'integer' | 'number' | 'boolean';
  label: string;
  min?: number;
  max?: number;
}

export interface RulesTable {
  key: string;
  valid_from: DateColumn;
  valid_to: DateColumn | null;
  title: string;
  source: string;
  article: string;
  certainty: RuleCertainty;
  summary: string;
  params: Json<Record<string, unknown>>;
  overridable: Json<Record<string, OverridableParam>>;
}

export interface RuleOverridesTable {
  id: Generated<number>;
  district_id: Bigint;
  rule_key: string;
  valid_from: DateColumn;
  params: Json<Record<string, unknown>>;
  reason: string;
  set_by: Bigint | null;
  set_at: Timestamp;
}

export interface PenaltiesTable {
  id: Generated<number>;
  org_id: Bigint;
  kind: PenaltyKind;
  amount_fen: Bigint | null;
  suspended_from: DateColumn | null;
  suspended_to: DateColumn | null;
  decision_no: string;
  decided_on: DateColumn;
  facts: string;
  legal_basis: string;
  deciding_body: string;
  by_registrar: boolean;
  status: Generated<'decided' | 'annulled'>;
  annulled_on: DateColumn | null;
  annul_reason: string | null;
  carried_out_on: DateColumn | null;
  recorded_by: Bigint | null;
  recorded_at: Timestamp;
  version: Generated<number>;
}

declare module './types.js' {
  interface DB {
    rules: RulesTable;
    rule_overrides: RuleOverridesTable;
    penalties: PenaltiesTable;
  }
}

export type RuleRow = Selectable<RulesTable>;
export type RuleOverrideRow = Selectable<RuleOverridesTable>;
export type PenaltyRow = Selectable<PenaltiesTable>;
export type NewPenalty = Insertable<PenaltiesTable>;
