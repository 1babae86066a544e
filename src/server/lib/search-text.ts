import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js/t2cn';
import { toHalfWidth } from '../../shared/text-normalize.js';

/**
 * Traditional → simplified (OpenCC; from the Hong Kong standard, which also knows the variants Taiwan and Hong Kong
 * write, e.g. 衞 → 卫, and leaves simplified text as it is: 著名 stays 著名). Names are stored as written; search
 * compares these forms, so 倉口社區 and 仓口社区 find each other (issue 11 item 5).
 */
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const simplifiedChars = new Map<string, string>();

/**
 * Simplified character by character: the form n-grams and LIKE compare, because it keeps substrings (a query that is
 * part of a name stays part of it; a phrase table would turn 乾坤 and 乾 differently). The form is never shown.
 */
function simplifyEachChar(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch < '\u2e80') {
      out += ch;
      continue;
    }
    let s = simplifiedChars.get(ch);
    if (s === undefined) simplifiedChars.set(ch, (s = toSimplified(ch)));
    out += s;
  }
  return out;
}

/** The form search compares: half-width, simplified character by character, lower case (`倉口ＡＢＣ` → `仓口abc`). */
export function searchForm(text: string): string {
  return simplifyEachChar(toHalfWidth(text)).toLowerCase();
}

/** The form pinyin is read from: half-width, simplified by phrases (so 乾坤 is read qiankun, 彈琴 tanqin). */
export function pinyinForm(text: string): string {
  return toSimplified(toHalfWidth(text));
}

/** Full pinyin without tones or spaces, lower case (`吉州区` → `jizhouqu`; ü as v). */
export function toPinyin(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', v: true }).join('').replace(/\s+/g, '').toLowerCase();
}

/** First letters of each syllable (`吉州区` → `jzq`). */
export function toInitials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('').replace(/\s+/g, '').toLowerCase();
}

/**
 * Overlapping two-character pieces of a text, lower case, white space removed (`夕阳红` → `夕阳`, `阳红`).
 * Stored in a GIN-indexed text[] column, they give substring search without depending on the database locale
 * (pg_trgm ignores CJK characters under the C locale).
 */
export function bigrams(text: string): string[] {
  const chars = Array.from(text.toLowerCase().replace(/\s+/g, ''));
  if (chars.length === 0) return [];
  if (chars.length === 1) return chars;
  const out = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

/** Overlapping pieces of `size` letters of latin text (pinyin, initials), for substring search. */
export function latinGrams(text: string, size: 3 | 4): string[] {
  const t = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (t.length < size) return [];
  const out = new Set<string>();
  for (let i = 0; i <= t.length - size; i++) out.add(t.slice(i, i + size));
  return [...out];
}

/** Three-letter pieces: what a three-letter query (initials such as `xyh`) is looked up by. */
export const trigrams = (text: string) => latinGrams(text, 3);

/**
 * Four-letter pieces: what longer latin queries are looked up by. Pinyin has few letters, so three-letter pieces
 * are common (`ang`, `xia`): eight letters of pinyin give six of them, each in a tenth of all names, and their
 * intersection still holds twice the true matches. Four-letter pieces are rarer and narrow it to nearly the matches.
 */
export const quadgrams = (text: string) => latinGrams(text, 4);

export type QueryKind = 'code' | 'latin' | 'text';

/** What a search box text looks like: digits (a code), latin letters (pinyin or initials), or other text. */
export function classifyQuery(q: string): QueryKind {
  if (/^[0-9]+$/.test(q)) return 'code';
  if (/^[a-z]+$/i.test(q)) return 'latin';
  return 'text';
}

/** Escapes LIKE wildcards so user input is matched literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
