import type { GridRow } from './read.js';

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

const normalizeHeader = (h: string) => h.replace(/\s+/g, '').replace(/[（(]必填[)）]|\*/g, '').trim();

/** Maps a header row to column keys; unknown headers are ignored (reported once). The first column of a key wins. */
export function mapHeaders(columns: readonly SheetColumn[], headers: string[]): { byIndex: Map<number, string>; unknown: string[] } {
  const lookup = new Map<string, string>();
  for (const c of columns) for (const h of [c.header, ...c.variants]) lookup.set(normalizeHeader(h), c.key);
  const byIndex = new Map<number, string>();
  const seen = new Set<string>();
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    if (!h) return;
    const key = lookup.get(normalizeHeader(h));
    if (key && !seen.has(key)) byIndex.set(i, key), seen.add(key);
    else if (!key) unknown.push(h);
  });
  return { byIndex, unknown };
}

export interface HeaderRule {
  columns: readonly SheetColumn[];
  /** A cell the header row must hold (e.g. /名称/): rows of a title or a note above the table are skipped. */
  hint: RegExp;
  /** Said when no row qualifies. */
  noHeaderMessage: string;
}

/**
 * Finds the header row (the first row that maps two columns and holds the hint) and turns the rows below it into
 * values by column key; rows without any value are left out. Returns null when no header row is found.
 */
export function readRecords(grid: GridRow[], rule: HeaderRule): { rows: SheetRow[]; unknownHeaders: string[] } | null {
  const text = (c: unknown) => String(c ?? '');
  const headerIndex = grid.findIndex((r) => r.cells.some((c) => rule.hint.test(text(c))) && mapHeaders(rule.columns, r.cells.map(text)).byIndex.size >= 2);
  if (headerIndex < 0) return null;
  const { byIndex, unknown } = mapHeaders(rule.columns, grid[headerIndex].cells.map(text));
  const mapped = [...byIndex];
  const rows: SheetRow[] = [];
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
    if (values.size > 0) rows.push({ rowNumber: r.rowNumber, values });
  }
  return { rows, unknownHeaders: unknown };
}
