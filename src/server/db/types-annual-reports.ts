import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { PlacementColumns } from './types.js';

// Migration 0019 (annual reports and inspection): its table, merged into the database types. Import this file for
// its side effect from the repositories that read it.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;

export interface AnnualReportsTable extends PlacementColumns {
  id: Generated<number>;
  org_id: number;
  year: number;
  legal_form: 'social_group' | 'social_service' | 'foundation' | 'filed';
  status: ColumnType<'draft' | 'submitted' | 'returned' | 'concluded', 'draft' | 'submitted' | 'returned' | 'concluded' | undefined>;
  /** Sealed at rest (sealJson): ID numbers and phones as sealed fields. */
  sections: unknown;
  due_on: DateColumn;
  submitted_at: Timestamp | null;
  submitted_on: DateColumn | null;
  on_time: boolean | null;
  returned_on: DateColumn | null;
  correction_due_on: DateColumn | null;
  resubmitted_at: Timestamp | null;
  late_correction: Generated<boolean>;
  conclusion: 'pass' | 'basic_pass' | 'fail' | null;
  opinion: string | null;
  concluded_at: Timestamp | null;
  concluded_on: DateColumn | null;
  concluded_by: number | null;
  scan_filename: string | null;
  scan_mime_type: string | null;
  scan_size_bytes: number | null;
  /** Sealed bytes (sealBytes). */
  scan_content: Uint8Array | null;
  scan_uploaded_at: Timestamp | null;
  scan_uploaded_by: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module './types.js' {
  interface DB {
    annual_reports: AnnualReportsTable;
  }
}

export type AnnualReportRow = Selectable<AnnualReportsTable>;
export type NewAnnualReport = Insertable<AnnualReportsTable>;
export type AnnualReportPatch = Updateable<AnnualReportsTable>;
