export { applyTotals, refreshLastActivity, recomputeTotals, type TotalsDelta } from './activities.totals.js';
