/**
 * Random inspection (双随机一公开, 《社会组织抽查暂行办法》民发〔2017〕45号; issue 14 item 4): the module's door. Nobody
 * imports it but app.ts and the demo. Importing it registers the spot-check problem as a risk signal source and the
 * inspector's items as an assignment (an expert reaches the organizations they inspect, and nothing else).
 */
import { registerAssignmentCheck } from '../../lib/access.js';
import { registerRiskSignalSource } from '../signals/index.js';
import { orgsOfInspector } from './inspections.repository.js';
import { inspectionProblemSignals } from './inspections.signals.js';

export { default as inspectionRoutes, publicInspectionRoutes } from './inspections.routes.js';
export { createPlan, publishPlan, drawPlan, getPlan } from './inspections.plans.js';
export { recordResult, publishResult, verifyRectification, declareConflict } from './inspections.items.js';
export { inspectionProblemSignals } from './inspections.signals.js';

registerAssignmentCheck('inspection', (db, actor) => orgsOfInspector(db, actor.id));
registerRiskSignalSource({ name: 'inspections', kind: 'inspection_problem', label: '抽查发现问题', signals: inspectionProblemSignals });
