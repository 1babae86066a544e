import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Activity,
  ActivityFile,
  ActivityHistoryResponse,
  ActivityListResponse,
  Dormancy,
  DormantResponse,
  LedgerOrgsResponse,
  LedgerResponse,
  WritableOrgsResponse,
} from '../../../shared/schemas/ledger.js';
import type { ActivityInput } from '../../../shared/schemas/activities.js';
import { api } from '../../api/client.js';

export type { Activity, ActivityFile, DormantResponse, LedgerOrgsResponse, LedgerResponse };

// Every ledger query sits under ['ledger']: a write refreshes the timeline, the totals and the dormancy at once.
export const ledgerKeys = {
  all: ['ledger'] as const,
  timeline: (orgId: number, page: number) => ['ledger', 'timeline', orgId, page] as const,
  activity: (id: number) => ['ledger', 'activity', id] as const,
  history: (id: number) => ['ledger', 'history', id] as const,
  dormancy: (orgId: number) => ['ledger', 'dormancy', orgId] as const,
  writable: ['ledger', 'writable'] as const,
  totals: (region: string, from: string, to: string) => ['ledger', 'totals', region, from, to] as const,
  orgs: (region: string, from: string, to: string, page: number) => ['ledger', 'orgs', region, from, to, page] as const,
  dormant: (region: string, page: number) => ['ledger', 'dormant', region, page] as const,
};

export const timelineQuery = (orgId: number, page: number) =>
  queryOptions({
    queryKey: ledgerKeys.timeline(orgId, page),
    queryFn: ({ signal }) => api<ActivityListResponse>(`/orgs/${orgId}/activities`, { query: { page, pageSize: 10 }, signal }),
    placeholderData: keepPreviousData,
  });

export const activityQuery = (id: number) =>
  queryOptions({ queryKey: ledgerKeys.activity(id), queryFn: ({ signal }) => api<Activity>(`/activities/${id}`, { signal }) });

export const historyQuery = (id: number) =>
  queryOptions({ queryKey: ledgerKeys.history(id), queryFn: ({ signal }) => api<ActivityHistoryResponse>(`/activities/${id}/history`, { signal }) });

export const dormancyQuery = (orgId: number) =>
  queryOptions({ queryKey: ledgerKeys.dormancy(orgId), queryFn: ({ signal }) => api<Dormancy>(`/orgs/${orgId}/dormancy`, { signal }) });

export const writableOrgsQuery = () =>
  queryOptions({ queryKey: ledgerKeys.writable, queryFn: ({ signal }) => api<WritableOrgsResponse>('/activities/orgs', { signal }) });

export const totalsQuery = (region: string, from: string, to: string) =>
  queryOptions({
    queryKey: ledgerKeys.totals(region, from, to),
    queryFn: ({ signal }) => api<LedgerResponse>('/ledger', { query: { region, from, to }, signal }),
    placeholderData: keepPreviousData,
  });

export const ledgerOrgsQuery = (region: string, from: string, to: string, page: number) =>
  queryOptions({
    queryKey: ledgerKeys.orgs(region, from, to, page),
    queryFn: ({ signal }) => api<LedgerOrgsResponse>('/ledger/orgs', { query: { region, from, to, page, pageSize: 50 }, signal }),
    placeholderData: keepPreviousData,
  });

export const dormantQuery = (region: string, page: number) =>
  queryOptions({
    queryKey: ledgerKeys.dormant(region, page),
    queryFn: ({ signal }) => api<DormantResponse>('/ledger/dormant', { query: { region, list: 1, page, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
  });

export const activityFileUrl = (id: number, fileId: number, thumb = false) => `/api/v1/activities/${id}/files/${fileId}${thumb ? '?size=thumb' : ''}`;

const upload = (path: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api<ActivityFile>(path, { method: 'POST', form });
};

/** Saves an activity (new or edited), then its new photos one per request and the sign-in sheet; file problems are returned, not thrown. */
export function useSaveActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (v: { orgId: number; id?: number; body: ActivityInput | (Partial<ActivityInput> & { version: number; reason?: string }); photos: File[]; signin: File | null; onProgress?: (i: number, n: number) => void }) => {
      const activity = v.id
        ? await api<Activity>(`/activities/${v.id}`, { method: 'PATCH', body: v.body })
        : await api<Activity>(`/orgs/${v.orgId}/activities`, { method: 'POST', body: v.body });
      const problems: string[] = [];
      for (const [i, photo] of v.photos.entries()) {
        v.onProgress?.(i + 1, v.photos.length);
        await upload(`/activities/${activity.id}/photos`, photo).catch((e: Error & { fields?: Record<string, string> }) => problems.push(`${photo.name}：${e.fields?.file ?? e.message}`));
      }
      if (v.signin) await upload(`/activities/${activity.id}/signin`, v.signin).catch((e: Error & { fields?: Record<string, string> }) => problems.push(`${v.signin!.name}：${e.fields?.file ?? e.message}`));
      return { activity, problems };
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
  });
}

export function useDeleteActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => api<{ ok: true }>(`/activities/${id}`, { method: 'DELETE', body: { reason } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
  });
}

export function useRemoveActivityFile(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fileId: number) => api<{ ok: true }>(`/activities/${id}/files/${fileId}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
  });
}
