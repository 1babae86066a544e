import { cleanText, toHalfWidth } from '../../../shared/text-normalize.js';
import { codeForm } from '../../../shared/validators.js';

/**
 * Cell values as street offices and communities keep their ledgers (issue 11 item 5): any module's import turns a
 * cell into a value through these, before any rule looks at it. Pure functions; no database, no sheet library.
 */

/** A text cell as the rules want it: half-width, trimmed, inner white space collapsed; empty → undefined. */
export function cellText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : cleanText(String(value));
  return text === '' ? undefined : text;
}

/** A code cell (credit code, ID number): half-width, every space and dash between groups removed, upper case. */
export function codeText(value: unknown): string | undefined {
  const text = cellText(value);
  return text === undefined ? undefined : codeForm(text);
}

export type SheetDate = { date: string; precision: 'day' | 'month' };

/** Excel's day 0 is 1899-12-30 (counting the 1900-02-29 Lotus kept), so serial 61 is 1900-03-01. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `二〇一五年六月十二日` → `2015年6月12日`: year digit by digit, month and day with 十. */
function chineseNumeralsToDigits(text: string): string {
  if (!/[〇零一二两三四五六七八九十]/.test(text)) return text;
  return text.replace(/[〇零一二两三四五六七八九十]+/g, (run, offset: number) => {
    const next = text[offset + run.length];
    if (next === '年') return [...run].map((ch) => CHINESE_DIGITS[ch] ?? '').join('');
    // 十 = 10, 十二 = 12, 二十 = 20, 二十三 = 23
    const [tens, ones] = run.includes('十') ? run.split('十') : ['', run];
    const t = run.includes('十') ? (tens === '' ? 1 : (CHINESE_DIGITS[tens] ?? NaN)) : 0;
    const o = ones === '' ? 0 : (CHINESE_DIGITS[ones] ?? NaN);
    return String(t * 10 + o);
  });
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Dates as ledgers hold them: an Excel date cell or serial number (`42156`), `2015-06-01`, `2015/6/1`, `2015.6.1`,
 * `2015年6月1日`, `2015 年 6 月`, `二〇一五年六月`, `20150601`, `201506`, a date with a time, full-width digits.
 * A year and a month alone is a founding month, normal in a ledger: it stands for the 1st of that month and says so
 * (`precision: 'month'`), so the import can tell the office what it stored. Null for an empty cell, 'invalid' else.
 */
export function parseSheetDate(value: unknown): SheetDate | null | 'invalid' {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'invalid' : { date: value.toISOString().slice(0, 10), precision: 'day' };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'invalid';
    const whole = Math.floor(value);
    // 6 and 8 digits are typed dates (201506, 20150601); below, an Excel serial (1 … 2958465 = 9999-12-31).
    if (whole >= 100_000) return parseSheetDate(String(whole));
    if (whole < 1) return 'invalid';
    return { date: new Date(EXCEL_EPOCH_MS + whole * DAY_MS).toISOString().slice(0, 10), precision: 'day' };
  }
  let text = chineseNumeralsToDigits(toHalfWidth(String(value)).replace(/\s+/g, ''));
  if (text === '') return null;
  // A time after the date (`2015-06-01 00:00:00`, `2015/6/1 0:00`) says nothing about the day.
  text = text.replace(/(?<=\d)T?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, '');
  let m = /^(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})[日号]?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { date, precision: 'day' } : 'invalid';
  }
  m = /^(\d{4})(?:[-/.年])(\d{1,2})月?(?:份)?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
  if (m) {
    const date = isoDate(Number(m[1]), Number(m[2]), 1);
    return date ? { date, precision: 'month' } : 'invalid';
  }
  // A serial number exported as text (`42156`): five digits, 1927–2173; shorter numbers are no date anyone wrote.
  if (/^\d{5}(\.\d+)?$/.test(text)) return parseSheetDate(Number(text));
  return 'invalid';
}

/** A head count as typed: `45`, `45人`, `１，２００`, `10 个`; null when empty, 'invalid' when not a whole number. */
export function parseCount(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : 'invalid';
  const text = toHalfWidth(String(value)).replace(/[\s,，]/g, '').replace(/(人|个|名|家|户|位|个单位|家单位)$/, '');
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return 'invalid';
  return Number(text);
}

/**
 * Rows below (or between) the data that are no organization: totals, notes, signatures, dates of filling in, the
 * template's example row. Matched on the first cell that holds something.
 */
const NOTE_ROW =
  /^(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计|总\s*数|共\s*\d+\s*[个家条项]|说\s*明|备\s*注|附\s*注|注\s*[:：、.．0-9一二三]|填\s*[表报]\s*人|填\s*[表报]\s*日\s*期|填\s*[表报]\s*时\s*间|制\s*表|审\s*核|审\s*批|统\s*计\s*人|负\s*责\s*人\s*[:：（(签]|联\s*系\s*人\s*[:：]|联\s*系\s*电\s*话\s*[:：]|单\s*位\s*[（(]?\s*盖\s*章|[（(]?\s*盖\s*章|签\s*字|示\s*例|例\s*[:：]|[*※])/;

/** Content that is nothing: dashes, slashes, dots, 无, a lone row number. */
const BLANKISH = /^[\s\-—–_/\\.。,，、·*#]*$|^\d{1,4}$|^(无|暂无|空)$/;

export type SkipReason = 'note' | 'blank';

/**
 * Whether a row below the header is data or a row to skip. `cells` are the row's cells in order (all of them, also
 * unmapped columns such as 序号), `hasKeyFields` whether the row names what a data row must name (for the registry:
 * a legal form or a category) — an organization called “合计…” with its form and category is still data.
 */
export function skipReason(cells: readonly unknown[], hasKeyFields: boolean): SkipReason | null {
  const texts = cells.map((c) => cellText(c)).filter((t): t is string => t !== undefined);
  if (texts.length === 0) return null; // an empty row is no row at all (not counted)
  if (!hasKeyFields && NOTE_ROW.test(texts[0])) return 'note';
  if (texts.every((t) => BLANKISH.test(t))) return 'blank';
  return null;
}

export const SKIP_MESSAGES: Record<SkipReason, string> = {
  note: '合计、说明或签字行，已跳过',
  blank: '没有可导入的内容（只有序号、占位符或未识别的列），已跳过',
};
