import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { RiskBoard, RiskItem, RiskItemSummary, RiskListResponse, RiskOutcomeName } from '../../../shared/schemas/risks.js';
import { api } from '../../api/client.js';

export type { RiskBoard, RiskItem, RiskItemSummary, RiskOutcomeName };

export interface RiskListParams {
  region?: string;
  status?: string;
  kind?: string;
  level?: string;
  org?: number;
  overdue?: 'true';
  owned?: 'true';
  sort?: string;
  page: number;
  pageSize: number;
}

// Every risk query sits under ['risks']: a step refreshes the item, the lists and the board at once.
export const riskKeys = {
  all: ['risks'] as const,
  list: (p: RiskListParams) => ['risks', 'list', p] as const,
  detail: (id: number) => ['risks', 'detail', id] as const,
  board: (region?: string) => ['risks', 'board', region ?? ''] as const,
};

export const risksQuery = (p: RiskListParams) =>
  queryOptions({ queryKey: riskKeys.list(p), queryFn: ({ signal }) => api<RiskListResponse>('/risks', { query: { ...p }, signal }), placeholderData: keepPreviousData });

export const riskQuery = (id: number) =>
  queryOptions({ queryKey: riskKeys.detail(id), queryFn: ({ signal }) => api<RiskItem>(`/risks/${id}`, { signal }), enabled: Number.isInteger(id) && id > 0 });

export const riskBoardQuery = (region?: string) =>
  queryOptions({ queryKey: riskKeys.board(region), queryFn: ({ signal }) => api<RiskBoard>('/risks/board', { query: region ? { region } : {}, signal }), placeholderData: keepPreviousData });

export type RiskStepAction = 'remind' | 'interview-notice' | 'interview-record' | 'report' | 'verify' | 'close';

/** One step of an item (the body carries the version seen). */
export function useRiskStep(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: RiskStepAction; body: Record<string, unknown> & { version: number } }) => api<RiskItem>(`/risks/${id}/${action}`, { method: 'POST', body }),
    onSuccess: (item) => {
      queryClient.setQueryData(riskKeys.detail(id), item);
      void queryClient.invalidateQueries({ queryKey: ['risks', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['risks', 'board'] });
    },
  });
}

export const letterUrl = (id: number, letter: 'interview-notice' | 'rectification-notice') => `/api/v1/risks/${id}/${letter}.pdf`;
