import type { GridRow } from './read.js';
import { cleanText } from '../../../shared/text-normalize.js';
import { cellText, skipReason, type SkipReason } from './normalize.js';

/**
 * A column of a module's spreadsheet: the template, the export and the import use the same headers, so an exported
 * list can be edited and imported again. Offices name columns differently: common variants are accepted.
 */
export interface SheetColumn {
  key: string;
  header: string;
  variants: string[];
  width: number;
  note?: string;
}

/** A data row under the header: its row number in the file and its non-empty values by column key. */
export interface SheetRow {
  rowNumber: number;
  values: Map<string, unknown>;
}

/** A header as typed: half-width, no spaces, no “(必填)” or `*` marks; a trailing hint in brackets is tried off too. */
const normalizeHeader = (h: string) => cleanText(h).replace(/\s+/g, '').replace(/[（(]必填[)）]|\*/g, '').replace(/（/g, '(').replace(/）/g, ')');
const withoutHint = (h: string) => h.replace(/\([^()]*\)$/, '');

/** Maps a header row to column keys; unknown headers are ignored (reported once). The first column of a key wins. */
export function mapHeaders(columns: readonly SheetColumn[], headers: string[]): { byIndex: Map<number, string>; unknown: string[] } {
  const lookup = new Map<string, string>();
  for (const c of columns) for (const h of [c.header, ...c.variants]) lookup.set(normalizeHeader(h), c.key);
  const byIndex = new Map<number, string>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    if (!h) return;
    const normal = normalizeHeader(h);
    const key = lookup.get(normal) ?? lookup.get(withoutHint(normal));
    if (key && !seen.has(key)) {
      byIndex.set(i, key);
      seen.add(key);
    }
    else if (!key) unknown.push(h);
  });
  return { byIndex, unknown };
}

export interface HeaderRule {
  columns: readonly SheetColumn[];
  /** A cell the header row must hold (e.g. /名称/): rows of a title or a note above the table are skipped. */
  hint: RegExp;
  /** A column key whose header qualifies the row as well as the hint does (组织名 maps the name without saying 名称). */
  key?: string;
  /**
   * Keys that make a row data whatever its first cell says (for the registry: a legal form or a category; an
   * organization may be called “合计…”). Without them, a totals, notes or signature row is skipped (skipReason).
   */
  dataKeys?: readonly string[];
  /** Said when no row qualifies. */
  noHeaderMessage: string;
}

/** A row below the header that holds no record (totals, notes, a signature, a numbered blank): skipped, not an error. */
export interface SkippedRow {
  row: number;
  reason: SkipReason;
}

const text = (c: unknown) => String(c ?? '');

function isHeaderRow(cells: unknown[], rule: HeaderRule) {
  const hinted = cells.some((c) => rule.hint.test(text(c)));
  if (!hinted && !rule.key) return false;
  const { byIndex } = mapHeaders(rule.columns, cells.map(text));
  return byIndex.size >= 2 && (hinted || [...byIndex.values()].includes(rule.key!));
}

/**
 * Finds the header row (the first row that maps two columns and holds the hint or maps the rule's key) and turns the
 * rows below it into values by column key. Rows without any value are left out; rows that hold something but no
 * record (lib/sheets/normalize.ts skipReason: totals, notes, signatures, a lone row number) are listed as `skipped`
 * (issue 11 item 5: counted apart, never errors, not in the total). Returns null when no header row is found.
 */
export function readRecords(grid: GridRow[], rule: HeaderRule): { rows: SheetRow[]; unknownHeaders: string[]; skipped: SkippedRow[] } | null {
  const headerIndex = grid.findIndex((r) => isHeaderRow(r.cells, rule));
  if (headerIndex < 0) return null;
  const { byIndex, unknown } = mapHeaders(rule.columns, grid[headerIndex].cells.map(text));
  const mapped = [...byIndex];
  const dataKeys = rule.dataKeys ?? [];
  const rows: SheetRow[] = [];
  const skipped: SkippedRow[] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const r = grid[i];
    const values = new Map<string, unknown>();
    for (const [index, key] of mapped) {
      const v = r.cells[index];
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        const trimmed = v.trim();
        if (trimmed !== '') values.set(key, trimmed);
      } else values.set(key, v);
    }
    const reason = skipReason(r.cells, dataKeys.some((k) => values.has(k))) ?? (values.size === 0 ? 'blank' : null);
    if (reason) {
      // A row with nothing in any cell is no row at all: neither data nor counted as skipped.
      if (r.cells.some((c) => cellText(c) !== undefined)) skipped.push({ row: r.rowNumber, reason });
      continue;
    }
    rows.push({ rowNumber: r.rowNumber, values });
  }
  return { rows, unknownHeaders: unknown, skipped };
}
