/**
 * Credit lists (活动异常名录, 严重违法失信名单; 民政部令第60号; issue 14 item 3): the door other modules use.
 * Sources of facts register here; eligibility(db, orgId, { on }) is the one answer to "may it take part in
 * evaluation, funding, government purchase" that the later modules read. Loading it registers the review subjects
 * credit_objection and credit_removal, the daily job `credit`, the penalty listener, the public register's credit
 * part and the risk signals credit_entry and unreachable.
 */
import { registerPenaltyListener } from '../penalties/index.js';
import { registerPublicOrgPart } from '../orgs/index.js';
import { registerRiskSignalSource } from '../signals/index.js';
import { onPenalty } from './credit.listener.js';
import { creditEntrySignals, publicCredit, unreachableSignals } from './credit.public.js';

export { registerCreditSource, creditSources, type CreditFact, type CreditSource } from './credit.sources.js';
export { default as creditRoutes } from './credit.routes.js';
export { default as creditPrintRoutes } from './credit.print.routes.js';
export { eligibility, entriesInForce, type EntryInForce } from './credit.public.js';
export { CREDIT_JOB, runCreditRules } from './credit.job.js';
export { objectionSubject, removalSubject } from './credit.requests.js';

registerPenaltyListener(onPenalty);
registerPublicOrgPart('credit', publicCredit);
registerRiskSignalSource({ name: 'credit_entry', kind: 'credit_entry', label: '列入信用名录', signals: creditEntrySignals });
registerRiskSignalSource({ name: 'unreachable', kind: 'unreachable', label: '登记住所无法取得联系', signals: unreachableSignals });
