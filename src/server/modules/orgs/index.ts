export { default as orgRoutes, orgAttachmentRoutes, orgSheetRoutes, publicOrgRoutes } from './orgs.routes.js';
export { waitForImports } from './orgs.import-jobs.js';
export { insertOrgsBulk, type BulkOrg } from './orgs.bulk.js';
export { backfillOrgSearchColumns } from './orgs.search-backfill.js';
