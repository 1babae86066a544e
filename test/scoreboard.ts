import fs from 'node:fs';

/**
 * The reliability scoreboard: a check adds its figures here, and scripts/run-tests.mjs sums them per check and
 * prints one line each just before the final `N passed, N failed`. Outside run-tests (a bare `vitest run`) the
 * figures are not collected.
 */
export function recordScore(check: string, figures: Record<string, number>): void {
  const file = process.env.SHEZU_SCOREBOARD_FILE;
  if (!file) return;
  fs.appendFileSync(file, JSON.stringify({ check, figures }) + '\n');
}
