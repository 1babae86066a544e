import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { LegalForm } from '../../../shared/enums.js';
import type { PublicCertificate } from '../../../shared/schemas/applications.js';
import type { PublicOrg, PublicPlaces } from '../../../shared/schemas/orgs.js';
import { api } from '../../api/client.js';

// The public register (社会组织信息公示): no login, no personal data (src/server/modules/orgs/orgs.public.ts).

export type { PublicCertificate, PublicOrg };
export type PublicOrgListItem = Omit<PublicOrg, 'purpose' | 'activities' | 'formerNames'>;

export interface PublicListParams {
  q?: string;
  form?: LegalForm;
  /** A district's code (the region filter). */
  region?: string;
  page: number;
  pageSize: number;
}

// Every public query sits under ['public'] (no session: they are sent with allowUnauthorized).
export const publicKeys = {
  all: ['public'] as const,
  orgs: (p: PublicListParams) => ['public', 'orgs', p] as const,
  org: (id: number) => ['public', 'org', id] as const,
  certificate: (number: string | undefined) => ['public', 'certificate', number] as const,
  places: ['public', 'places'] as const,
};

/** The districts the register can be narrowed to, the office's own province first. */
export const publicPlacesQuery = () =>
  queryOptions({
    queryKey: publicKeys.places,
    queryFn: ({ signal }) => api<PublicPlaces>('/public/places', { signal, allowUnauthorized: true }),
    staleTime: 10 * 60_000,
  });

export const publicOrgsQuery = (p: PublicListParams) =>
  queryOptions({
    queryKey: publicKeys.orgs(p),
    queryFn: ({ signal }) =>
      api<{ items: PublicOrgListItem[]; total: number }>('/public/orgs', { query: { ...p }, signal, allowUnauthorized: true }),
    placeholderData: keepPreviousData,
  });

export const publicOrgQuery = (id: number) =>
  queryOptions({
    queryKey: publicKeys.org(id),
    queryFn: ({ signal }) => api<PublicOrg>(`/public/orgs/${id}`, { signal, allowUnauthorized: true }),
    enabled: Number.isInteger(id) && id > 0,
  });

/** A certificate as anyone may check it (/verify); asked only for a well-formed number. */
export const certificateQuery = (number: string | undefined, wellFormed: boolean) =>
  queryOptions({
    queryKey: publicKeys.certificate(number),
    queryFn: ({ signal }) => api<PublicCertificate>(`/public/certificates/${encodeURIComponent(number!)}`, { signal, allowUnauthorized: true }),
    enabled: wellFormed,
  });
