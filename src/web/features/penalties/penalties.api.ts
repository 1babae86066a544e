import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Penalty, PenaltyInput, PenaltyKind, PenaltyListResponse, PenaltyStatus, PENALTY_SORTS } from '../../../shared/schemas/penalties.js';
import { api } from '../../api/client.js';

export type { Penalty, PenaltyKind, PenaltyStatus };
export type PenaltySort = (typeof PENALTY_SORTS)[number];

export interface PenaltyListParams {
  org?: number;
  kind?: PenaltyKind;
  status?: PenaltyStatus;
  year?: number;
  q?: string;
  sort?: PenaltySort;
  page: number;
  pageSize: number;
}

// Every penalty query sits under ['penalties']; a change also refreshes the public register's page of the organization.
export const penaltyKeys = {
  all: ['penalties'] as const,
  list: (p: PenaltyListParams) => ['penalties', 'list', p] as const,
  detail: (id: number) => ['penalties', 'detail', id] as const,
};

export const penaltiesQuery = (p: PenaltyListParams) =>
  queryOptions({
    queryKey: penaltyKeys.list(p),
    queryFn: ({ signal }) => api<PenaltyListResponse>('/penalties', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

export const penaltyQuery = (id: number) =>
  queryOptions({
    queryKey: penaltyKeys.detail(id),
    queryFn: ({ signal }) => api<Penalty>(`/penalties/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

function useRefresh() {
  const queryClient = useQueryClient();
  return (p: Penalty) => {
    queryClient.setQueryData(penaltyKeys.detail(p.id), p);
    void queryClient.invalidateQueries({ queryKey: ['penalties', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['public', 'org', p.org.id] });
    // The credit module lists on a penalty: its lists change with it.
    void queryClient.invalidateQueries({ queryKey: ['credit'] });
  };
}

export function useRecordPenalty() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: PenaltyInput) => api<Penalty>('/penalties', { method: 'POST', body }), onSuccess: refresh });
}

export function useAnnulPenalty(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { annulledOn: string; reason: string; version: number }) => api<Penalty>(`/penalties/${id}/annul`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useCarriedOut(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { carriedOutOn: string; version: number }) => api<Penalty>(`/penalties/${id}/carried-out`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}
