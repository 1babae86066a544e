/**
 * Administrative penalties (行政处罚, issue 14 item 2): the door other modules use. The credit rules read the
 * penalties in force on a day and listen to each one recorded or annulled.
 */
export { findPenaltiesInForce } from './penalties.repository.js';
export { registerPenaltyListener, type PenaltyEvent, type PenaltyListener } from './penalties.events.js';
