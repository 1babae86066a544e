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
  /** Migration 0008: per node, the places figures of stats.policy placesOf, kept by triggers on regions. */
  interface StatsPlacesTable {
    region_id: number;
    parent_id: number | null;
    level: number;
    /** bigint: read back as a string. */
    population: string | number | null;
    population_partial: boolean;
    population_is_demo: boolean;
    urban_communities: number;
    rural_communities: number;
    child_count: number;
  }
  /** Migration 0008: per node, year and kinds, organizations that entered and left the register (year 0: all years). */
  interface StatsYearsTable {
    region_id: number;
    township_kind: string;
    village_kind: string;
    year: number;
    entered: number;
    exited: number;
  }
  interface DB {
    stats_counters: StatsCountersTable;
    stats_places: StatsPlacesTable;
    stats_years: StatsYearsTable;
  }
}
