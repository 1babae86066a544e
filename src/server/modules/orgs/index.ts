/**
 * The registry's door: the only file other modules import from `orgs` (test/module-boundaries.test.ts).
 * Load an organization for an actor (404 outside their reach), read its fields, validate, and the write commands
 * (insert, update with history, change status, copy attachments), each inside the caller's transaction.
 */
export { default as orgRoutes, orgAttachmentRoutes, orgSheetRoutes, publicOrgRoutes } from './orgs.routes.js';
export { insertOrgsBulk, type BulkOrg } from './orgs.bulk.js';
export {
  applyOrgUpdate,
  categoriesFor,
  changeOrgStatus,
  insertPreparedOrg,
  loadOrgFor,
  orgFieldsOf,
  OrgValidationError,
  prepareOrg,
  warningsFor,
  type PreparedOrg,
} from './orgs.service.js';
export { addOrgAttachments } from './orgs.attachments.js';
export { getPublicOrg } from './orgs.public.js';
export { registerPublicOrgPart, type PublicOrgParts } from './orgs.public-parts.js';
export { findOrgById, findOrgByCreditCode, findOrgNames } from './orgs.repository.js';
export type { NewOrgAttachment } from './orgs.attachments.repository.js';
export { displayValue } from './orgs.fields.js';
export { placesOf } from './orgs.mapping.js';
export { backfillOrgSearchColumns } from './orgs.search-backfill.js';
