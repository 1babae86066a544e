import { toQueryString } from '../../api/client.js';
import type { ImportSpec } from '../orgs/ImportDrawer.js';

/**
 * The ledger's spreadsheets and printed ledger (server: modules/activities/activities.io.routes.ts). The ledger pages
 * hand their current selection to the buttons; the links carry it as the routes' query (LedgerIoQuery).
 */
export interface LedgerSelection {
  /** A node code below the reader's own; omitted = the reader's reach. */
  region?: string;
  from?: string;
  to?: string;
  org?: number;
}

export const ledgerIoKeys = {
  /** What an import refreshes when it is through: every ledger query (totals, organizations, timelines). */
  refresh: ['ledger'] as const,
};

export const LEDGER_TEMPLATE_URL = '/api/v1/activities/import-template.xlsx';

export const ledgerExportUrl = (s: LedgerSelection) => `/api/v1/activities/export.xlsx${toQueryString({ ...s })}`;
export const ledgerPrintUrl = (s: LedgerSelection) => `/api/v1/ledger/print.pdf${toQueryString({ ...s })}`;

/** The activity import for the shared import drawer (features/orgs/ImportDrawer.tsx). */
export function ledgerImportSpec(texts: ImportSpec['texts'], refresh: readonly unknown[] = ledgerIoKeys.refresh): ImportSpec {
  return { kind: 'activities', uploadPath: '/activities/import', templateUrl: LEDGER_TEMPLATE_URL, refresh, texts };
}
