import type { ColumnType } from 'kysely';

// Migration 0007 (statistics): the columns and table it adds, merged into the database types. (regions gains
// population_is_demo too; it is read and written with raw SQL so region rows built elsewhere stay as they are.)
type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;

declare module './types.js' {
  interface OrgsTable {
    /** When the organization entered the register (filed or registered); set by a trigger when left empty. */
    recorded_on: DateColumn;
    /** When it left the register (deregistered, dissolved, revoked); set and cleared by a trigger with the status. */
    closed_on: DateColumn;
  }
  interface StatsCountersTable {
    region_id: number;
    legal_form: string;
    category: string;
    status: string;
    township_kind: string;
    village_kind: string;
    recorded_year: number;
    closed_year: number;
    n: number;
  }
  interface DB {
    stats_counters: StatsCountersTable;
  }
}
