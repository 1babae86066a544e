import { z } from '../zod.js';

/**
 * An amount of money in fen (分), the one money rule: a non-negative whole number below 10^15 fen (¥10 trillion),
 * which JSON, JavaScript numbers and PostgreSQL bigint all hold exactly. Forms enter yuan and convert with
 * yuanToFen; the server never sees a fraction of a fen.
 */
export const FenAmount = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .int(`${label}须精确到分（以分为单位的整数）`)
    .min(0, `${label}不能为负数`)
    .max(999_999_999_999_999, `${label}过大`);

/** "12.34" or 12.34 yuan → 1234 fen; null when it is not an amount with at most two decimals. */
export function yuanToFen(value: string | number): number | null {
  const text = String(value).trim().replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -fen : fen;
}

/** 1234 → "12.34" (no currency sign, no grouping: for inputs and sheets). */
export const fenToYuanText = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
