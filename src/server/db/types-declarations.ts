import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { PlacementColumns } from './types.js';
import './types-ledger.js';

// Migration 0018 (major-activity declarations): its tables and the activities' link column, merged into the
// database types. Import this file for its side effect from the repositories that read them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Bigint = ColumnType<number, number | bigint | string | undefined, number | bigint | string>;

export const DECLARATION_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'rejected', 'withdrawn'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

export interface DeclarationsTable extends PlacementColumns {
  id: Generated<number>;
  org_id: number;
  kinds: string[];
  title: string;
  planned_start_on: DateColumn;
  planned_end_on: DateColumn;
  place: string;
  expected_participants: number;
  amount_fen: Bigint;
  foreign_related: Generated<boolean>;
  content: string;
  contact_name: string;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  contact_phone_hash: string | null;
  status: ColumnType<DeclarationStatus, DeclarationStatus | undefined, DeclarationStatus>;
  declared_by: number;
  on_behalf: Generated<boolean>;
  declared_at: Timestamp | null;
  lead_required_days: number | null;
  lead_unit: 'calendar' | 'working' | null;
  lead_ahead_days: number | null;
  decided_at: Timestamp | null;
  summary_due_on: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeclarationSummariesTable {
  declaration_id: number;
  effect: string;
  problems: string;
  next_steps: string;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  filed_at: Timestamp;
  filed_by: number;
}

declare module './types.js' {
  interface DB {
    declarations: DeclarationsTable;
    declaration_summaries: DeclarationSummariesTable;
  }
}

declare module './types-ledger.js' {
  interface ActivitiesTable {
    /** The declaration the activity was held under (migration 0018); null = none linked. */
    declaration_id: ColumnType<number | null, number | null | undefined, number | null>;
  }
}

export type DeclarationRow = Selectable<DeclarationsTable>;
export type NewDeclaration = Insertable<DeclarationsTable>;
export type DeclarationSummaryRow = Selectable<DeclarationSummariesTable>;
