export { default as regionRoutes } from './regions.routes.js';
export { findRegionPath } from './regions.service.js';
export { importRegions, type ImportSummary } from './regions.import.js';
export { findRegionByCode, findRegionsByName } from './regions.repository.js';
