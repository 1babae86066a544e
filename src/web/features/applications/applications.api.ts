import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationKind, ApplicationStatus, ReviewDecision, ReviewStep } from '../../../shared/enums.js';
import type {
  Application,
  ApplicationAttachment,
  ApplicationCounts,
  ApplicationData,
  ApplicationListItem,
  ApplicationListResponse,
  OverdueByNode,
  PublicCertificate,
} from '../../../shared/schemas/applications.js';
import { api } from '../../api/client.js';
import { useCurrentUser } from '../../auth/session.js';

export type { Application, ApplicationAttachment, ApplicationCounts, ApplicationData, ApplicationListItem, OverdueByNode, PublicCertificate };
export type DueState = NonNullable<ApplicationListItem['dueState']>;
export type AttachmentKind = ApplicationAttachment['kind'];
export type ApplicationSort = 'due' | '-submitted' | 'submitted' | '-updated';

export interface ApplicationListParams {
  queue: 'mine' | 'all';
  q?: string;
  kind?: ApplicationKind;
  status?: ApplicationStatus;
  step?: ReviewStep;
  due?: DueState;
  region?: string;
  sort: ApplicationSort;
  page: number;
  pageSize: number;
}

// Every application query sits under ['applications'] so one invalidation refreshes lists, counts and pages;
// an approval also changes the registry, so the ['orgs'] queries go stale with it.
export const appKeys = {
  all: ['applications'] as const,
  list: (p: ApplicationListParams) => ['applications', 'list', p] as const,
  detail: (id: number) => ['applications', 'detail', id] as const,
  counts: ['applications', 'counts'] as const,
  overdue: (region: string | undefined) => ['applications', 'overdue', region ?? ''] as const,
};

/** The applications queue's to-dos (its tab badge): refreshed every minute and after every action. */
export const countsQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: appKeys.counts,
    queryFn: ({ signal }) => api<ApplicationCounts>('/applications/counts', { signal }),
    enabled,
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

export const applicationsQuery = (p: ApplicationListParams) =>
  queryOptions({
    queryKey: appKeys.list(p),
    queryFn: ({ signal }) => api<ApplicationListResponse>('/applications', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

/** The applications queue's own to-dos (the tab badge): cases at my step, my drafts and returned applications. */
export function useApplicationCounts() {
  const user = useCurrentUser();
  return useQuery(countsQuery(user.permissions.includes('application.read')));
}

export const applicationQuery = (id: number) =>
  queryOptions({
    queryKey: appKeys.detail(id),
    queryFn: ({ signal }) => api<Application>(`/applications/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

export const overdueQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: appKeys.overdue(region),
    queryFn: ({ signal }) => api<OverdueByNode>('/applications/overdue', { query: { region }, signal }),
  });

export const attachmentUrl = (appId: number, attachmentId: number) => `/api/v1/applications/${appId}/attachments/${attachmentId}`;
export const certificatePdfUrl = (number: string) => `/api/v1/certificates/${encodeURIComponent(number)}.pdf`;
export const verifyPath = (number: string) => `/verify/${encodeURIComponent(number)}`;
/** Numbers this system issues; imported records may carry older, free-form certificate numbers. */
export const CERTIFICATE_NUMBER = /^(BA|DJ)-\d{6}-\d{4}-\d{5}-[0-9A-Z]{4}$/;

function useRefresh() {
  const queryClient = useQueryClient();
  return (app?: Application) => {
    if (app) queryClient.setQueryData(appKeys.detail(app.id), app);
    void queryClient.invalidateQueries({ queryKey: appKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['orgs'] });
  };
}

export function useCreateApplication() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { kind: ApplicationKind; orgId?: number | null; data?: Partial<ApplicationData> }) =>
      api<Application>('/applications', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useSaveApplication(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; data: ApplicationData }) => api<Application>(`/applications/${id}`, { method: 'PATCH', body }),
    onSuccess: (app) => {
      queryClient.setQueryData(appKeys.detail(app.id), app);
      void queryClient.invalidateQueries({ queryKey: ['applications', 'list'] });
    },
  });
}

export function useSubmitApplication(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api<Application>(`/applications/${id}/submit`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useWithdrawApplication(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (reason: string | undefined) => api<Application>(`/applications/${id}/withdraw`, { method: 'POST', body: reason ? { reason } : {} }),
    onSuccess: refresh,
  });
}

export function useReviewApplication(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { decision: ReviewDecision; opinion?: string; creditCode?: string }) =>
      api<Application>(`/applications/${id}/review`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export interface BatchResult {
  items: { id: number; ok: boolean; message: string | null }[];
}

export function useBatchReview() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { ids: number[]; decision: ReviewDecision; opinion?: string }) =>
      api<BatchResult>('/applications/review-batch', { method: 'POST', body }),
    onSuccess: () => refresh(),
  });
}

export function useUploadAttachment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: AttachmentKind; file: File }) => {
      const form = new FormData();
      form.append('kind', kind); // before the file: the server reads the fields that precede it
      form.append('file', file, file.name);
      return api<ApplicationAttachment>(`/applications/${id}/attachments`, { method: 'POST', form });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.detail(id) }),
  });
}

export function useRemoveAttachment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: number) => api<{ ok: true }>(`/applications/${id}/attachments/${attachmentId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appKeys.detail(id) }),
  });
}
