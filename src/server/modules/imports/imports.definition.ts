import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import type { Permission } from '../../lib/access.js';
import type { HeaderRule, SheetRow } from '../../lib/sheets/columns.js';
import type { ReportCounts, ReportProblem } from '../../lib/sheets/report.js';

/** A problem of a row, by column, in Chinese: what the report lists (lib/sheets/report.ts). */
export type RowProblem = ReportProblem;

/** What became of one data row: written, matched and left as it was, or refused with its problems by column. */
export type RowOutcome = 'inserted' | 'updated' | 'unchanged' | RowProblem[];

/** A job's counts, as its report's summary shows them. */
export type ImportCounts = ReportCounts;

/** A row as the definition parsed it (cells → draft record), with the problems parsing found. */
export interface ParsedRow<Draft> {
  row: SheetRow;
  draft: Draft;
  problems: RowProblem[];
}

/**
 * Lookups that stay valid for a whole job (regions named in the file, a district's category list): the first batch
 * that needs one loads it, later batches reuse it, so a job costs one query per distinct value, not one per row.
 */
export class JobMemo {
  private readonly values = new Map<string, Promise<unknown>>();
  /**
   * The job the memo serves: a definition whose records name their job (an activity's import_job_id) or whose batch
   * audit record points at it reads it here. '' outside a job (a definition called directly by a test).
   */
  constructor(readonly jobId = '') {}
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let v = this.values.get(key) as Promise<T> | undefined;
    if (!v) {
      v = load();
      this.values.set(key, v);
      // A failed lookup (a batch rolled back) is tried again by the next batch.
      v.catch(() => this.values.delete(key));
    }
    return v;
  }
}

/**
 * How a module takes a spreadsheet in. The machinery (modules/imports) reads the file, finds the header row by
 * `header`, keeps the job with its file and watermark, and calls the definition per batch:
 * - `parseRow`: cells → draft record and problems by column, in Chinese (pure: runs outside any transaction);
 * - `keysOf`: the re-import keys of a draft (credit code; name + community): two rows of one batch sharing a key are
 *   committed in successive rounds of that batch, so the later one matches the earlier one instead of duplicating it;
 * - `commitRound`: validates a round set-based and writes it (match existing records by key with one query for the
 *   round, insert in bulk with history and audit, update matched ones), one outcome per row in order.
 * The batch transaction is the machinery's: the round's writes, the job's counts, the batch's row problems and the
 * watermark commit together, so a crash never loses or repeats a row.
 */
export interface ImportDefinition<Draft = unknown, Batch = unknown> {
  /** import_jobs.kind, and the registry key resume/rerun use. */
  kind: string;
  /** Who may start, watch, resume or rerun such a job. */
  permission: Permission;
  header: HeaderRule;
  maxRows: number;
  /** The audit action of a finished job (its counts as the new value). */
  auditAction: string;
  parseRow(row: SheetRow): ParsedRow<Draft>;
  /**
   * What the report's 提示 sheet should tell the office about a row, read from its cells when the file is read (a
   * founding month stored as its 1st day): not problems, the row is imported. Pure, like parseRow.
   */
  notesOf?(row: SheetRow): RowProblem[];
  /** Set-based lookups a batch needs before keys can be computed (regions named in the batch), memoized per job. */
  loadBatch(trx: Transaction<DB>, ctx: RequestContext, rows: ParsedRow<Draft>[], memo: JobMemo): Promise<Batch>;
  keysOf(row: ParsedRow<Draft>, batch: Batch): string[];
  commitRound(trx: Transaction<DB>, ctx: RequestContext, rows: ParsedRow<Draft>[], batch: Batch, memo: JobMemo): Promise<RowOutcome[]>;
}

const definitions = new Map<string, ImportDefinition<never, never>>();

/** Declares a module's import; the module's import file calls it once at load. */
export function defineImport<Draft, Batch>(def: ImportDefinition<Draft, Batch>): ImportDefinition<Draft, Batch> {
  definitions.set(def.kind, def as unknown as ImportDefinition<never, never>);
  return def;
}

export function importDefinition(kind: string): ImportDefinition | undefined {
  return definitions.get(kind) as ImportDefinition | undefined;
}

export const importDefinitions = () => [...definitions.values()] as ImportDefinition[];

/**
 * Splits rows into rounds in which no two rows share a key, keeping file order within each key: round n holds the
 * n-th occurrence. A file rarely repeats a record, so a batch is almost always one round.
 */
export function keyRounds<T>(items: T[], keysOf: (item: T) => string[]): T[][] {
  const rounds: T[][] = [];
  const roundOfKey = new Map<string, number>();
  for (const item of items) {
    const keys = keysOf(item);
    let round = 0;
    for (const k of keys) round = Math.max(round, (roundOfKey.get(k) ?? -1) + 1);
    for (const k of keys) roundOfKey.set(k, round);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}
