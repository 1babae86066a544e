/**
 * Annual reports and inspection (年报/年检, issue 13 items 4 and 5): the only file other modules import from
 * `annual-reports`. Loading it registers the review subject `annual_report` and the reminder source `annual_report`.
 */
import { registerReminderSource } from '../notifications/index.js';
import { dueReports } from './annual-reports.rates.js';

export { default as annualReportRoutes, publicAnnualReportRoutes } from './annual-reports.routes.js';
export { annualReportSubject } from './annual-reports.review.js';
/** For the target board (modules/stats): concluded / due per node for the year being inspected as of a day. */
export { inspectionCounts, reportingYearOf } from './annual-reports.rates.js';
/** For the credit rules and risk warnings (issue 14): reports not filed on time, as they stood on a day. */
export { lateReports, type LateReport } from './annual-reports.rates.js';
export { publicConclusions } from './annual-reports.files.js';

registerReminderSource({ name: 'annual_report', label: '年度报告（年检）', dueBetween: dueReports });
