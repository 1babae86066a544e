export { default as orgRoutes, orgAttachmentRoutes, orgSheetRoutes, publicOrgRoutes } from './orgs.routes.js';
export { insertOrgsBulk, type BulkOrg } from './orgs.bulk.js';
