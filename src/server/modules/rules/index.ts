/**
 * Rules as data with effective dates (issue 14 item 1): the door other modules use. A decision asks ruleInForce for
 * the rule of its decisive day and shows basisOf(rule, day).text beside itself.
 */
export { default as ruleRoutes } from './rules.routes.js';
export { ruleInForce, rulesInForce, type RuleOptions } from './rules.service.js';
export { basisOf } from './rules.policy.js';
