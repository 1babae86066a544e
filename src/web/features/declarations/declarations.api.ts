import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReviewDecision } from '../../../shared/enums.js';
import type {
  Declaration,
  DeclarationFlags,
  DeclarationListItem,
  DeclarationListResponse,
  DeclarationRules,
  DeclarationStatus,
  DeclarationSummaryBody,
} from '../../../shared/schemas/declarations.js';
import { api } from '../../api/client.js';

export type { Declaration, DeclarationFlags, DeclarationListItem, DeclarationRules, DeclarationStatus };

/** The declaration's own fields as the form sends them (money in fen, converted from the yuan typed). */
export interface DeclarationFieldsBody {
  kinds: string[];
  title: string;
  plannedStartOn: string;
  plannedEndOn: string;
  place: string;
  expectedParticipants: number;
  amountFen: number;
  foreignRelated: boolean;
  content: string;
  contactName: string;
  contactPhone: string | null;
}

export interface DeclarationListParams {
  status?: DeclarationStatus;
  org?: number;
  region?: string;
  q?: string;
  overdue?: 'true';
  page: number;
  pageSize: number;
}

// Every declaration query sits under ['declarations']: one invalidation refreshes lists, pages and flags; a decision
// also changes the to-do bell (['reviews']).
export const declKeys = {
  all: ['declarations'] as const,
  list: (p: DeclarationListParams) => ['declarations', 'list', p] as const,
  detail: (id: number) => ['declarations', 'detail', id] as const,
  rules: (orgId: number) => ['declarations', 'rules', orgId] as const,
  flags: (p: { region?: string; page: number; pageSize: number }) => ['declarations', 'flags', p] as const,
};

export const declarationsQuery = (p: DeclarationListParams) =>
  queryOptions({
    queryKey: declKeys.list(p),
    queryFn: ({ signal }) => api<DeclarationListResponse>('/declarations', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

export const declarationQuery = (id: number) =>
  queryOptions({
    queryKey: declKeys.detail(id),
    queryFn: ({ signal }) => api<Declaration>(`/declarations/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

export const rulesQuery = (orgId: number) =>
  queryOptions({
    queryKey: declKeys.rules(orgId),
    queryFn: ({ signal }) => api<DeclarationRules>('/declarations/rules', { query: { org: orgId }, signal }),
    enabled: Number.isInteger(orgId) && orgId > 0,
  });

export const flagsQuery = (p: { region?: string; page: number; pageSize: number }) =>
  queryOptions({
    queryKey: declKeys.flags(p),
    queryFn: ({ signal }) => api<DeclarationFlags>('/declarations/flags', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

function useRefresh() {
  const queryClient = useQueryClient();
  return (d: Declaration) => {
    queryClient.setQueryData(declKeys.detail(d.id), d);
    void queryClient.invalidateQueries({ queryKey: ['declarations', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['declarations', 'flags'] });
    void queryClient.invalidateQueries({ queryKey: ['reviews'] });
  };
}

export function useCreateDeclaration() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DeclarationFieldsBody & { orgId: number; submit: boolean }) => api<Declaration>('/declarations', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useSaveDeclaration(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DeclarationFieldsBody & { version: number }) => api<Declaration>(`/declarations/${id}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useSubmitDeclaration(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => api<Declaration>(`/declarations/${id}/submit`, { method: 'POST' }), onSuccess: refresh });
}

export function useWithdrawDeclaration(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (reason: string | undefined) => api<Declaration>(`/declarations/${id}/withdraw`, { method: 'POST', body: reason ? { reason } : {} }), onSuccess: refresh });
}

export function useReviewDeclaration(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { decision: ReviewDecision; opinion?: string }) => api<Declaration>(`/declarations/${id}/review`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useFileSummary(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: DeclarationSummaryBody) => api<Declaration>(`/declarations/${id}/summary`, { method: 'POST', body }), onSuccess: refresh });
}

export function useLinkActivity(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { activityId: number; unlink?: boolean }) => api<Declaration>(`/declarations/${id}/link`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}
