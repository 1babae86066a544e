import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { LegalForm } from '../../../shared/enums.js';
import type { PublicOrg } from '../../../shared/schemas/orgs.js';
import { api } from '../../api/client.js';

// The public register (社会组织信息公示): no login, no personal data (src/server/modules/orgs/orgs.public.ts).

export type { PublicOrg };
export type PublicOrgListItem = Omit<PublicOrg, 'purpose' | 'activities' | 'formerNames'>;

export interface PublicListParams {
  q?: string;
  form?: LegalForm;
  page: number;
  pageSize: number;
}

export const publicOrgsQuery = (p: PublicListParams) =>
  queryOptions({
    queryKey: ['public', 'orgs', p] as const,
    queryFn: ({ signal }) =>
      api<{ items: PublicOrgListItem[]; total: number }>('/public/orgs', { query: { ...p }, signal, allowUnauthorized: true }),
    placeholderData: keepPreviousData,
  });

export const publicOrgQuery = (id: number) =>
  queryOptions({
    queryKey: ['public', 'org', id] as const,
    queryFn: ({ signal }) => api<PublicOrg>(`/public/orgs/${id}`, { signal, allowUnauthorized: true }),
    enabled: Number.isInteger(id) && id > 0,
  });
