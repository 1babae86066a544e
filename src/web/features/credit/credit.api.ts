import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreditComplianceBody,
  CreditCreateBody,
  CreditEntry,
  CreditLetter,
  CreditLetterBody,
  CreditLettersResponse,
  CreditListItem,
  CreditListQuery,
  CreditListResponse,
  CreditProposal,
  CreditRequest,
  CreditRequestReviewBody,
  CreditStatus,
} from '../../../shared/schemas/credit.js';
import type { Eligibility, PublicCreditEntry } from '../../../shared/schemas/credit-public.js';
import type { ReviewCase } from '../../../shared/schemas/reviews.js';
import type { RuleListResponse } from '../../../shared/schemas/rules.js';
import { api } from '../../api/client.js';

// The credit lists' API (src/server/modules/credit/README.md): the two lists with their timers, one entry with its
// notice, objection, removal application and timeline, the proposals awaiting a person, the registered letters of
// the unreachable ground, and an organization's eligibility.

export type { CreditEntry, CreditLetter, CreditLettersResponse, CreditListItem, CreditProposal, CreditRequest, CreditStatus, Eligibility, PublicCreditEntry };
export type CreditListParams = Partial<Omit<CreditListQuery, 'page' | 'pageSize'>> & { page: number; pageSize: number };

/** Today in China (the day the server judges by), `YYYY-MM-DD`. */
export const chinaToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** Noticed or listed: the entry stands (a removed, moved or withdrawn one is history). */
export const isCurrent = (e: { status: CreditStatus }) => e.status === 'noticed' || e.status === 'listed';

// Every credit query sits under ['credit']; a decision also moves the organization's eligibility and the review
// queue, so those go stale with it.
export const creditKeys = {
  all: ['credit'] as const,
  list: (p: CreditListParams) => ['credit', 'list', p] as const,
  detail: (id: number) => ['credit', 'detail', id] as const,
  proposals: (p: object) => ['credit', 'proposals', p] as const,
  letters: (orgId: number) => ['credit', 'letters', orgId] as const,
  eligibility: (orgId: number) => ['credit', 'eligibility', orgId] as const,
};

export const creditListQuery = (p: CreditListParams, enabled = true) =>
  queryOptions({
    queryKey: creditKeys.list(p),
    queryFn: ({ signal }) => api<CreditListResponse>('/credit', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const creditEntryQuery = (id: number) =>
  queryOptions({
    queryKey: creditKeys.detail(id),
    queryFn: ({ signal }) => api<CreditEntry>(`/credit/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

export const proposalsQuery = (p: { status?: string; region?: string; page: number; pageSize: number }, enabled = true) =>
  queryOptions({
    queryKey: creditKeys.proposals(p),
    queryFn: ({ signal }) => api<{ items: CreditProposal[]; total: number }>('/credit/proposals', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const lettersQuery = (orgId: number) =>
  queryOptions({
    queryKey: creditKeys.letters(orgId),
    queryFn: ({ signal }) => api<CreditLettersResponse>(`/orgs/${orgId}/letters`, { signal }),
  });

export const eligibilityQuery = (orgId: number) =>
  queryOptions({
    queryKey: creditKeys.eligibility(orgId),
    queryFn: ({ signal }) => api<Eligibility>(`/orgs/${orgId}/eligibility`, { signal }),
    enabled: Number.isInteger(orgId) && orgId > 0,
  });

/**
 * The credit rules in force today under a key prefix, with the viewer's district values laid over (the ground
 * filter's and the manual entry's names, the letters' 20–60 days). Under ['credit'] so a credit decision refreshes it.
 */
export const creditRulesQuery = (prefix: string) =>
  queryOptions({
    queryKey: ['credit', 'rules', prefix] as const,
    queryFn: ({ signal }) => api<RuleListResponse>('/rules', { query: { prefix }, signal }),
    staleTime: 10 * 60_000,
  });

/** The review case of an objection or a removal application (the shared chain's trail). */
export const requestCaseQuery = (caseId: number | null) =>
  queryOptions({
    queryKey: ['applications', 'reviews', 'case', caseId] as const,
    queryFn: ({ signal }) => api<ReviewCase>(`/reviews/${caseId}`, { signal }),
    enabled: caseId !== null && caseId > 0,
  });

export const noticePdfUrl = (id: number) => `/api/v1/credit/${id}/notice.pdf`;
export const removalPdfUrl = (id: number) => `/api/v1/credit/${id}/removal.pdf`;

function useRefresh() {
  const queryClient = useQueryClient();
  return (entry?: CreditEntry) => {
    if (entry && typeof entry === 'object' && 'id' in entry) queryClient.setQueryData(creditKeys.detail(entry.id), entry);
    void queryClient.invalidateQueries({ queryKey: creditKeys.all });
    // The review queue and the bell (reviews.api's prefix), and the public register's part.
    void queryClient.invalidateQueries({ queryKey: ['applications', 'reviews'] });
    void queryClient.invalidateQueries({ queryKey: ['public'] });
  };
}

export function useCreateEntry() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreditCreateBody) => api<CreditEntry>('/credit', { method: 'POST', body }), onSuccess: refresh });
}

/** The organization's objection within the window (陈述申辩) or its removal application: both go to the district. */
export function useFileRequest(id: number, kind: 'objection' | 'removal') {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (statement: string) => api<CreditEntry>(`/credit/${id}/${kind === 'objection' ? 'objection' : 'removal-application'}`, { method: 'POST', body: { statement } }),
    onSuccess: refresh,
  });
}

export function useListNow(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: { reason: string; version: number }) => api<CreditEntry>(`/credit/${id}/list`, { method: 'POST', body }), onSuccess: refresh });
}

export function useVerifyCompliance(id: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreditComplianceBody) => api<CreditEntry>(`/credit/${id}/compliance`, { method: 'POST', body }), onSuccess: refresh });
}

/** The district decides an objection or a removal application (its step on the chain). */
export function useDecideRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ requestId, ...body }: CreditRequestReviewBody & { requestId: number }) => api<CreditEntry>(`/credit/requests/${requestId}/review`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useDecideProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, action, ...body }: { id: number; action: 'confirm' | 'dismiss'; version: number; reason?: string }) =>
      api<CreditProposal>(`/credit/proposals/${id}/${action}`, { method: 'POST', body }),
    onSuccess: () => refresh(),
  });
}

export function useRecordLetter(orgId: number) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreditLetterBody) => api<CreditLettersResponse>(`/orgs/${orgId}/letters`, { method: 'POST', body }), onSuccess: () => refresh() });
}
