/**
 * Credit lists (活动异常名录, 严重违法失信名单; 民政部令第60号; issue 14 item 3): the door other modules use.
 * Sources of facts register here; eligibility(db, orgId, { on }) is the one answer to "may it take part in
 * evaluation, funding, government purchase" that the later modules read.
 */
export { registerCreditSource, creditSources, type CreditFact, type CreditSource } from './credit.sources.js';
