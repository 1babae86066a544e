import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InspectionItem, PlanDetail, PlanInput, PlanListResponse, PublicPlan, PublicPlanListResponse, ResultInput } from '../../../shared/schemas/inspections.js';
import { api } from '../../api/client.js';

export type { InspectionItem, PlanDetail, PlanInput, PublicPlan, ResultInput };

// Every inspection query sits under ['inspections']: a draw or a result refreshes lists, the plan and the items.
export const inspectionKeys = {
  all: ['inspections'] as const,
  plans: (p: { year?: number; page: number; pageSize: number }) => ['inspections', 'plans', p] as const,
  plan: (id: number) => ['inspections', 'plan', id] as const,
  mine: ['inspections', 'mine'] as const,
  item: (id: number) => ['inspections', 'item', id] as const,
  publicPlans: ['inspections', 'public'] as const,
  publicPlan: (id: number) => ['inspections', 'public', id] as const,
};

export const plansQuery = (p: { year?: number; page: number; pageSize: number }) =>
  queryOptions({ queryKey: inspectionKeys.plans(p), queryFn: ({ signal }) => api<PlanListResponse>('/inspections/plans', { query: { ...p }, signal }), placeholderData: keepPreviousData });

export const planQuery = (id: number) =>
  queryOptions({ queryKey: inspectionKeys.plan(id), queryFn: ({ signal }) => api<PlanDetail>(`/inspections/plans/${id}`, { signal }), enabled: Number.isInteger(id) && id > 0 });

export const myItemsQuery = () => queryOptions({ queryKey: inspectionKeys.mine, queryFn: ({ signal }) => api<{ items: InspectionItem[] }>('/inspections/my-items', { signal }) });

export const itemQuery = (id: number) =>
  queryOptions({ queryKey: inspectionKeys.item(id), queryFn: ({ signal }) => api<InspectionItem>(`/inspections/items/${id}`, { signal }), enabled: Number.isInteger(id) && id > 0 });

export const publicPlansQuery = () => queryOptions({ queryKey: inspectionKeys.publicPlans, queryFn: ({ signal }) => api<PublicPlanListResponse>('/public/inspections/plans', { signal }) });

export const publicPlanQuery = (id: number) =>
  queryOptions({ queryKey: inspectionKeys.publicPlan(id), queryFn: ({ signal }) => api<PublicPlan>(`/public/inspections/plans/${id}`, { signal }), enabled: Number.isInteger(id) && id > 0 });

export const noticeUrl = (itemId: number) => `/api/v1/inspections/items/${itemId}/notice.pdf`;

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
}

export function useCreatePlan() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: PlanInput) => api<PlanDetail>('/inspections/plans', { method: 'POST', body }), onSuccess: refresh });
}

export function usePlanStep(id: number, step: 'publish' | 'draw') {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (version: number) => api<PlanDetail>(`/inspections/plans/${id}/${step}`, { method: 'POST', body: { version } }), onSuccess: refresh });
}

export function useRecordResult(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: ResultInput) => api<InspectionItem>(`/inspections/items/${id}/result`, { method: 'PUT', body }), onSuccess: refresh });
}

export function useDeclareConflict(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (reason: string) => api<InspectionItem>(`/inspections/items/${id}/conflict`, { method: 'POST', body: { reason } }), onSuccess: refresh });
}

export function useItemStep(id: number, step: 'publish' | 'rectification') {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { version: number; note?: string }) => api<InspectionItem>(`/inspections/items/${id}/${step}`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}
