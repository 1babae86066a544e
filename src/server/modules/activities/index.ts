/**
 * The activity ledger's door (台账, issue 13 items 1 and 2): its routes, the totals kept in step by every write
 * (applyTotals / refreshLastActivity, also used by the import), and dormancy for the organization record and the
 * risk warnings.
 */
export { applyTotals, refreshLastActivity, recomputeTotals, type TotalsDelta } from './activities.totals.js';
export { default as activityRoutes } from './activities.routes.js';
export { loadActivityFor } from './activities.service.js';
export { heldOnOf, isDormantSince, isInOperation, monthsAfter, monthsBefore, statutoryGroundMet } from './activities.policy.js';
export { dormantOrgs, orgDormancy, type DormantOrgsOptions } from './activities.dormancy.js';
export { preparePhoto } from './activities.files.js';
// Reads for other modules: the declarations' major-activity flags, the annual report's activity summary.
export { countsByOrg as activityCountsByOrg, findLiveActivities, type ActivityFilter } from './activities.repository.js';
// The ledger's spreadsheets and printed ledger (ledger-io): import, template, export, print.
export { activityIoRoutes } from './activities.io.routes.js';
export { activityImport } from './activities.import.js';
export { ACTIVITY_SHEET_COLUMNS } from './activities.sheet.js';
export { renderLedgerPdf, type PrintedLedger } from './activities.print.js';
