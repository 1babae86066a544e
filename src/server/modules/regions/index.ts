export { default as regionRoutes, publicRegionRoutes } from './regions.routes.js';
export { findRegionFor, findRegionPath, resolveRegionFor } from './regions.service.js';
export { importRegions, type ImportSummary } from './regions.import.js';
export { findChildren, findRegionByCode, findRegionById, findRegionNames, findRegionsByIds, findRegionsByName, levelColumn, regionCodeOf } from './regions.repository.js';
