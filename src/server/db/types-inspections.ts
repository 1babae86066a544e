import type { ColumnType, Generated, Selectable } from 'kysely';
import type { PlacementColumns } from './types.js';

// Migration 0023 (random inspection, 双随机一公开): its tables, merged into the database types. Import this file for
// its side effect from the repositories that read them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Bigint = ColumnType<number, number | bigint | string, number | bigint | string>;
type Json<T> = ColumnType<T, string, string>;

export type InspectionPlanKind = 'yearly' | 'adhoc';
export type InspectionPlanStatus = 'draft' | 'published' | 'drawn';

export interface InspectionPlansTable extends PlacementColumns {
  id: Generated<number>;
  kind: InspectionPlanKind;
  year: number;
  title: string;
  purpose: string | null;
  ratio_bp: number;
  include_filed: boolean;
  min_inspectors: number;
  publish_days: number;
  ratio_rule_key: string;
  decided_on: DateColumn;
  basis_text: string;
  status: Generated<InspectionPlanStatus>;
  published_on: DateColumn | null;
  seed: string | null;
  published_by: Bigint | null;
  drawn_at: Timestamp | null;
  drawn_by: Bigint | null;
  created_by: Bigint | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface InspectionPopulationTable {
  plan_id: Bigint;
  org_id: Bigint;
  draw_key: string;
  stratum: string;
  org_name: string;
  street_name: string;
  legal_form: string;
}

export interface ChecklistEntry {
  status: 'ok' | 'problem' | 'not_checked';
  note: string;
}

export interface InspectionItemsTable extends PlacementColumns {
  id: Generated<number>;
  plan_id: Bigint;
  org_id: Bigint;
  stratum: string;
  rank_hash: string;
  status: Generated<'assigned' | 'checked'>;
  mode: 'written' | 'on_site' | null;
  checklist: Json<Record<string, ChecklistEntry>> | null;
  result: 'no_problem' | 'problems' | null;
  findings: string | null;
  rectify_by: DateColumn | null;
  checked_on: DateColumn | null;
  checked_by: Bigint | null;
  publish_by: DateColumn | null;
  published_on: DateColumn | null;
  rectified_on: DateColumn | null;
  rectified_note: string | null;
  version: Generated<number>;
}

export interface InspectionInspectorsTable {
  id: Generated<number>;
  item_id: Bigint;
  user_id: Bigint;
  status: 'active' | 'recused' | 'declared';
  reason: string | null;
  draw_order: number;
  recorded_at: Timestamp;
}

declare module './types.js' {
  interface DB {
    inspection_plans: InspectionPlansTable;
    inspection_population: InspectionPopulationTable;
    inspection_items: InspectionItemsTable;
    inspection_inspectors: InspectionInspectorsTable;
  }
}

export type InspectionPlanRow = Selectable<InspectionPlansTable>;
export type InspectionPopulationRow = Selectable<InspectionPopulationTable>;
export type InspectionItemRow = Selectable<InspectionItemsTable>;
export type InspectionInspectorRow = Selectable<InspectionInspectorsTable>;
