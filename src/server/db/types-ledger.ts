import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { PlacementColumns } from './types.js';

// Migration 0017 (the activity ledger): its tables, merged into the database types. Import this file for its
// side effect from the repositories that read them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Bigint = ColumnType<number, number | bigint | string, number | bigint | string>;
// Generated<ColumnType<…>> nests the column type (its select type becomes the ColumnType itself): spelled out instead.
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type GeneratedBigint = ColumnType<number, number | bigint | string | undefined, number | bigint | string>;

export interface ActivitiesTable extends PlacementColumns {
  id: Generated<number>;
  org_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  held_on: DateColumn;
  title: string;
  activity_type: string;
  place: string;
  participants: number;
  beneficiaries: Generated<number>;
  volunteers: Generated<number>;
  volunteer_minutes: Generated<number>;
  amount_fen: ColumnType<number, number | undefined, number>;
  foreign_related: Generated<boolean>;
  description: string | null;
  entered_by: number;
  entered_as: 'leader' | 'community' | 'hub' | 'street' | 'district' | 'import';
  import_job_id: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  deleted_at: Timestamp | null;
  deleted_by: number | null;
  delete_reason: string | null;
}

export interface ActivityFilesTable {
  id: Generated<number>;
  activity_id: number;
  kind: 'photo' | 'signin';
  position: Generated<number>;
  filename: string;
  mime_type: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  content: Uint8Array;
  thumbnail: Uint8Array | null;
  uploaded_at: GeneratedTimestamp;
  uploaded_by: number | null;
}

export interface ActivityHistoryTable {
  id: Generated<number>;
  activity_id: number;
  version: number;
  at: GeneratedTimestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  reason: string | null;
  changes: unknown;
}

export interface LedgerMonthTotalsTable {
  region_id: number;
  month: DateColumn;
  activity_type: string;
  activities: Generated<number>;
  participants: GeneratedBigint;
  beneficiaries: GeneratedBigint;
  volunteers: GeneratedBigint;
  volunteer_minutes: GeneratedBigint;
}

declare module './types.js' {
  interface OrgsTable {
    /** The latest day with a ledger activity (kept in step by the ledger); null = none ever. */
    last_activity_on: ColumnType<string | null, string | null | undefined, string | null>;
  }
  interface DB {
    activities: ActivitiesTable;
    activity_files: ActivityFilesTable;
    activity_history: ActivityHistoryTable;
    ledger_month_totals: LedgerMonthTotalsTable;
  }
}

export type ActivityRow = Selectable<ActivitiesTable>;
export type NewActivity = Insertable<ActivitiesTable>;
