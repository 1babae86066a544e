import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Region, RegionDetail, RegionListResponse, RegionSearchResponse } from '../../../shared/schemas/regions.js';
import { api } from '../../api/client.js';

export type RegionSearchHit = RegionSearchResponse['items'][number];

// Every region query sits under ['regions'], so one invalidation refreshes the tree, the sums and the details.
export const regionKeys = {
  all: ['regions'] as const,
  roots: () => ['regions', 'roots'] as const,
  children: (code: string) => ['regions', 'children', code] as const,
  detail: (code: string) => ['regions', 'detail', code] as const,
  search: (q: string) => ['regions', 'search', q] as const,
};

export const rootsQuery = () =>
  queryOptions({
    queryKey: regionKeys.roots(),
    queryFn: ({ signal }) => api<{ items: RegionSearchHit[] }>('/regions', { signal }),
  });

export const childrenQuery = (code: string) =>
  queryOptions({
    queryKey: regionKeys.children(code),
    queryFn: ({ signal }) => api<RegionListResponse>(`/regions/${encodeURIComponent(code)}/children`, { signal }),
  });

export const detailQuery = (code: string) =>
  queryOptions({
    queryKey: regionKeys.detail(code),
    queryFn: ({ signal }) => api<RegionDetail>(`/regions/${encodeURIComponent(code)}`, { signal }),
  });

export const searchQuery = (q: string) =>
  queryOptions({
    queryKey: regionKeys.search(q),
    queryFn: ({ signal }) => api<RegionSearchResponse>('/regions', { query: { q, limit: 30 }, signal }),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
  });

export function useSetPopulation(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (population: number | null) =>
      api<RegionDetail>(`/regions/${encodeURIComponent(code)}/population`, { method: 'PUT', body: { population } }),
    // Sums above the node change too, so everything region-shaped is refetched.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: regionKeys.all }),
  });
}

export function useCreateGrid(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api<RegionDetail>(`/regions/${encodeURIComponent(code)}/grids`, { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: regionKeys.all }),
  });
}

export type { Region, RegionDetail };
