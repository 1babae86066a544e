export { default as regionRoutes, publicRegionRoutes } from './regions.routes.js';
export { findRegionPath } from './regions.service.js';
export { importRegions, type ImportSummary } from './regions.import.js';
export { findRegionByCode, findRegionById, findRegionsByName } from './regions.repository.js';
export { findChildren, findRegionsByIds } from './regions.repository.js';
