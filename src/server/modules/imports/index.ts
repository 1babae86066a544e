// The import and export machinery's door: a module declares its import with defineImport, starts jobs with
// startImport, and streams exports with streamSheet (lib/sheets/write.ts).
export { importRoutes, readSheetUpload, XLSX } from './imports.routes.js';
export { startImport, type ImportJobView } from './imports.service.js';
export { waitForImports } from './imports.runner.js';
export { defineImport, JobMemo, type ImportCounts, type ImportDefinition, type ParsedRow, type RowOutcome, type RowProblem } from './imports.definition.js';
