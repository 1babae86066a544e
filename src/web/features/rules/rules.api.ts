import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Rule, RuleHistoryResponse, RuleListResponse, RuleOverrideInput } from '../../../shared/schemas/rules.js';
import { api } from '../../api/client.js';

export type { Rule, RuleHistoryResponse };

// Every rule query sits under ['rules']; an override refreshes the list and the history.
export const ruleKeys = {
  list: (on: string | undefined) => ['rules', 'list', on ?? 'today'] as const,
  history: (key: string) => ['rules', 'history', key] as const,
};

export const rulesQuery = (on: string | undefined) =>
  queryOptions({
    queryKey: ruleKeys.list(on),
    queryFn: ({ signal }) => api<RuleListResponse>('/rules', { query: on ? { on } : {}, signal }),
    placeholderData: keepPreviousData,
  });

export const ruleHistoryQuery = (key: string | null) =>
  queryOptions({
    queryKey: ruleKeys.history(key ?? ''),
    queryFn: ({ signal }) => api<RuleHistoryResponse>(`/rules/${key}`, { signal }),
    enabled: !!key,
  });

export function useOverrideRule(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RuleOverrideInput) => api<Rule>(`/rules/${key}/overrides`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['rules'] }),
  });
}
