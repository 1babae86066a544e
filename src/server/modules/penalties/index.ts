/**
 * Administrative penalties (行政处罚, issue 14 item 2): the door other modules use. The credit rules read the
 * penalties in force on a day and listen to each one recorded or annulled; the public register shows them.
 */
import { registerPublicOrgPart } from '../orgs/index.js';
import { publicPenalties } from './penalties.service.js';

export { default as penaltyRoutes } from './penalties.routes.js';
export { findPenaltiesInForce } from './penalties.repository.js';
export { registerPenaltyListener, type PenaltyEvent, type PenaltyListener } from './penalties.events.js';
export { recordPenalty, annulPenalty, markCarriedOut } from './penalties.service.js';

// Decided penalties on the public register (annulled ones kept, marked with their day).
registerPublicOrgPart('penalties', publicPenalties);
