/**
 * Risk warnings closed by 销号 (issue 14 item 5): the door. Loading it registers the module's own signal sources
 * (dormant, annual report overdue, declaration summary overdue, 换届 overdue), the daily job `risks`, and the credit
 * source of rectifications overdue. Only app.ts and the demo import it.
 */
import { registerCreditSource } from '../credit/index.js';
import { registerRiskSignalSource } from '../signals/index.js';
import { OWN_SOURCES } from './risks.sources.js';
import { rectificationCreditSource } from './risks.credit.js';

export { default as riskRoutes } from './risks.routes.js';
export { RISKS_JOB, runRiskJob } from './risks.job.js';

for (const source of OWN_SOURCES) registerRiskSignalSource(source);
registerCreditSource(rectificationCreditSource);
