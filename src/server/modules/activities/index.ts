export { applyTotals, refreshLastActivity, recomputeTotals, type TotalsDelta } from './activities.totals.js';
// The ledger's spreadsheets and printed ledger (ledger-io): import, template, export, print.
export { activityIoRoutes } from './activities.io.routes.js';
export { activityImport } from './activities.import.js';
export { ACTIVITY_SHEET_COLUMNS } from './activities.sheet.js';
export { renderLedgerPdf, type PrintedLedger } from './activities.print.js';
