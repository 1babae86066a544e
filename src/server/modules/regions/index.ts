export { default as regionRoutes, publicRegionRoutes } from './regions.routes.js';
export { findRegionPath, matchCommunityName, type RegionNameMatch } from './regions.service.js';
export { importRegions, type ImportSummary } from './regions.import.js';
export { findRegionByCode, findRegionById } from './regions.repository.js';
