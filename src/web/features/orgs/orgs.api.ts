import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { LegalForm, OrgFlag, OrgStatus } from '../../../shared/enums.js';
import type {
  Org,
  OrgAttachment,
  OrgCreateBody,
  OrgHistoryEntry,
  OrgListItem,
  OrgListResponse,
  OrgUpdateBody,
  OrgWarning,
} from '../../../shared/schemas/orgs.js';
import type { ImportJob as ImportJobSchema } from '../../../shared/schemas/orgs.js';
import type { z } from '../../../shared/zod.js';
import { api, toQueryString } from '../../api/client.js';

export type { Org, OrgAttachment, OrgHistoryEntry, OrgListItem, OrgWarning };
export type OrgSort = 'name' | '-name' | 'foundedOn' | '-foundedOn' | 'updatedAt' | '-updatedAt' | 'members' | '-members';

/** The list's filters: the same names as the API's query string and the page's address bar. */
export interface OrgFilter {
  q?: string;
  region?: string;
  form?: LegalForm;
  category?: string;
  status?: OrgStatus;
  flag?: OrgFlag;
  hub?: string;
}

export interface OrgListParams extends OrgFilter {
  sort: OrgSort;
  page: number;
  pageSize: number;
}

export type ImportJob = z.infer<typeof ImportJobSchema>;

// Every registry query sits under ['orgs'], so a save refreshes the list, the record and its history at once.
export const orgKeys = {
  all: ['orgs'] as const,
  list: (p: OrgListParams) => ['orgs', 'list', p] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  history: (id: number) => ['orgs', 'history', id] as const,
  attachments: (id: number) => ['orgs', 'attachments', id] as const,
  hubs: (q: string) => ['orgs', 'hubs', q] as const,
  importJob: (id: string) => ['imports', id] as const,
  stoppedImports: ['imports', 'stopped'] as const,
};

export const orgsQuery = (p: OrgListParams) =>
  queryOptions({
    queryKey: orgKeys.list(p),
    queryFn: ({ signal }) => api<OrgListResponse>('/orgs', { query: { ...p, facets: true }, signal }),
    placeholderData: keepPreviousData,
  });

export const orgQuery = (id: number) =>
  queryOptions({
    queryKey: orgKeys.detail(id),
    queryFn: ({ signal }) => api<Org>(`/orgs/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

export const orgHistoryQuery = (id: number) =>
  queryOptions({
    queryKey: orgKeys.history(id),
    queryFn: ({ signal }) => api<{ items: OrgHistoryEntry[] }>(`/orgs/${id}/history`, { signal }),
  });

/** Hub federations (枢纽型) an organization may belong to, found by name. */
export const hubSearchQuery = (q: string) =>
  queryOptions({
    queryKey: orgKeys.hubs(q),
    queryFn: ({ signal }) =>
      api<OrgListResponse>('/orgs', { query: { category: '枢纽型', q, pageSize: 30, sort: 'name' }, signal }),
    staleTime: 60_000,
  });

export const importJobQuery = (id: string | null) =>
  queryOptions({
    queryKey: orgKeys.importJob(id ?? ''),
    queryFn: ({ signal }) => api<ImportJob>(`/imports/${id}`, { signal }),
    enabled: !!id,
    // Every second while the server works through the file; never again once it is finished.
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === 'done' || s === 'failed' || s === 'interrupted' ? false : 1000;
    },
    staleTime: 0,
  });

export function useCreateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrgCreateBody) => api<Org>('/orgs', { method: 'POST', body }),
    onSuccess: (org) => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      queryClient.setQueryData(orgKeys.detail(org.id), org);
    },
  });
}

export function useUpdateOrg(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrgUpdateBody) => api<Org>(`/orgs/${id}`, { method: 'PATCH', body }),
    onSuccess: (org) => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      queryClient.setQueryData(orgKeys.detail(org.id), org);
    },
  });
}

export type PersonalField = 'leaderIdNumber' | 'leaderPhone';

/** Shows one personal field in clear; the server records who looked (no cache: every look is its own act). */
export function useRevealPersonal(id: number) {
  return useMutation({
    mutationFn: (field: PersonalField) =>
      api<{ field: PersonalField; value: string | null }>(`/orgs/${id}/reveal`, { method: 'POST', body: { field } }),
  });
}

/** Starts an import job: the registry's by default, another module's at its own upload path (the ledger's). */
export function useStartImport(uploadPath = '/orgs/import') {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ id: string }>(uploadPath, { method: 'POST', form });
    },
  });
}

/**
 * The importer's registry imports that stopped before their end, with the server (restart, crash: interrupted) or on
 * a server error (failed): both keep their file and watermark, and are offered for resume or rerun, newest first.
 */
export const stoppedImportsQuery = (enabled: boolean, kind = 'orgs') =>
  queryOptions({
    queryKey: [...orgKeys.stoppedImports, kind],
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(
        (['interrupted', 'failed'] as const).map((status) => api<{ items: ImportJob[] }>('/imports', { query: { kind, status }, signal })),
      );
      const items = lists.flatMap((l) => l.items).filter((j) => j.resumable);
      return { items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
    },
    enabled,
    staleTime: 0,
  });

/** Resume continues after the rows already committed; rerun reads the file from the first row (no duplicates either way). */
export function useRestartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, how }: { id: string; how: 'resume' | 'rerun' }) => api<ImportJob>(`/imports/${id}/${how}`, { method: 'POST' }),
    onSuccess: (job) => {
      queryClient.setQueryData(orgKeys.importJob(job.id), job);
      void queryClient.invalidateQueries({ queryKey: orgKeys.stoppedImports });
    },
  });
}

export const IMPORT_TEMPLATE_URL = '/api/v1/orgs/import-template.xlsx';

export function exportUrl(filter: OrgFilter, unmasked = false): string {
  return `/api/v1/orgs/export.xlsx${toQueryString({ ...filter, unmasked: unmasked ? 'true' : undefined })}`;
}

export const orgAttachmentsQuery = (id: number) =>
  queryOptions({
    queryKey: orgKeys.attachments(id),
    queryFn: ({ signal }) => api<{ items: OrgAttachment[] }>(`/orgs/${id}/attachments`, { signal }),
  });

export const orgAttachmentUrl = (orgId: number, attachmentId: number) => `/api/v1/orgs/${orgId}/attachments/${attachmentId}`;

// An upload or a deletion is written to the record's history, so every ['orgs'] query goes stale with it.
export function useUploadOrgAttachment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: OrgAttachment['kind']; file: File }) => {
      const form = new FormData();
      form.append('kind', kind); // before the file: the server reads fields that precede it
      form.append('file', file);
      return api<OrgAttachment>(`/orgs/${id}/attachments`, { method: 'POST', form });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useRemoveOrgAttachment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: number) => api(`/orgs/${id}/attachments/${attachmentId}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
