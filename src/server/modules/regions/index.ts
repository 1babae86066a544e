export { default as regionRoutes, publicRegionRoutes } from './regions.routes.js';
export { findRegionFor, findRegionPath, matchCommunityName, resolveRegionFor, type RegionNameMatch } from './regions.service.js';
export { importRegions, type ImportSummary } from './regions.import.js';
export { findChildren, findRegionByCode, findRegionById, findRegionNames, findRegionsByIds, levelColumn, regionCodeOf } from './regions.repository.js';
