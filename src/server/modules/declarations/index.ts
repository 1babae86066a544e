/**
 * Major-activity declarations (重大活动申报, issue 13 item 3): the door other modules use. Loading it registers the
 * subject kind `declaration` on the review chain and the reminder source `declaration_summary`.
 */
import { registerReminderSource } from '../notifications/index.js';
import { findSummariesDueBetween } from './declarations.repository.js';

export { default as declarationRoutes } from './declarations.routes.js';
export { declarationSubject } from './declarations.review.js';
export { flaggedActivities, type FlagOptions } from './declarations.flags.js';
export { declarationReasons, leadVerdict, earliestStart } from './declarations.policy.js';
export { declarationLinkProblem, refreshSummaryDue } from './declarations.after-event.js';
/** For the risk warnings (issue 14 item 5): post-event summaries overdue as things stood on a day. */
export { findSummariesOverdueOn as overdueSummaries } from './declarations.repository.js';

/** Post-event summaries falling due (issue 13 item 6): reminded to the leader and the community staff before the day. */
registerReminderSource({
  name: 'declaration_summary',
  label: '重大活动总结',
  async dueBetween(db, from, to) {
    const rows = await findSummariesDueBetween(db, from, to);
    return rows.map((r) => ({
      subjectKind: 'declaration_summary',
      subjectId: Number(r.id),
      orgId: Number(r.org_id),
      dueOn: String(r.summary_due_on),
      title: `“${r.title}”活动总结`,
      link: `/declarations/${r.id}`,
    }));
  },
});
