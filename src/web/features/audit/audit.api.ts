import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditEntry, AuditListResponse } from '../../../shared/schemas/audit.js';
import { api, toQueryString } from '../../api/client.js';

export type { AuditEntry, AuditListResponse };

export const AUDIT_FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'region', 'from', 'to'] as const;
/** The log's filters: the same names as the API's query string and the page's address bar. */
export type AuditFilter = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>;

// Every audit query sits under ['audit'].
export const auditKeys = {
  all: ['audit'] as const,
  list: (filter: AuditFilter, page: number, pageSize: number) => ['audit', 'list', filter, page, pageSize] as const,
};

export const auditQuery = (filter: AuditFilter, page: number, pageSize: number) =>
  queryOptions({
    queryKey: auditKeys.list(filter, page, pageSize),
    queryFn: ({ signal }) => api<AuditListResponse>('/audit', { query: { ...filter, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });

export const auditExportUrl = (filter: AuditFilter) => `/api/v1/audit/export.xlsx${toQueryString(filter)}`;
