// The shared review chain (issue 11 item 3): what other modules may use.
export { default as reviewRoutes } from './reviews.routes.js';
export { defineReviewSubject, reviewSubjectOf, reviewSubjectKinds, type ReviewSubject, type ReviewHookInput } from './reviews.registry.js';
export {
  submitCase,
  decideCase,
  decideBatch,
  decideEachOnItsOwn,
  withdrawCase,
  getCase,
  latestCasesFor,
  caseEvents,
  chainSettingFor,
  type ReviewRef,
  type DecisionInput,
  type DecisionResult,
} from './reviews.service.js';
export { listReviews, countReviews, overdueByNode, overdueCases } from './reviews.queues.js';
export { stepsForLevel, turnProblem, deadlineDays, dueDateOf, dueStateOf, stepOfRole, STEP_LEVELS } from './reviews.policy.js';
