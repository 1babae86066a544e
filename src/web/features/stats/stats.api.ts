import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { BreakdownResponse, StatsOrgsResponse, TargetKey, TargetsResponse } from '../../../shared/schemas/stats.js';
import { api, toQueryString } from '../../api/client.js';

export type { BreakdownResponse, StatsOrgsResponse, TargetKey, TargetsResponse };
export type OrgScope = 'register' | 'urban' | 'rural' | 'added';

export interface StatsParams {
  region?: string;
  asOf?: string;
}

export const statsKeys = {
  all: ['stats'] as const,
  targets: (p: StatsParams) => ['stats', 'targets', p] as const,
  breakdown: (p: StatsParams) => ['stats', 'breakdown', p] as const,
  orgs: (p: StatsParams & { scope: OrgScope; page: number }) => ['stats', 'orgs', p] as const,
};

export const targetsQuery = (p: StatsParams) =>
  queryOptions({
    queryKey: statsKeys.targets(p),
    queryFn: ({ signal }) => api<TargetsResponse>('/stats/targets', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

export const breakdownQuery = (p: StatsParams) =>
  queryOptions({
    queryKey: statsKeys.breakdown(p),
    queryFn: ({ signal }) => api<BreakdownResponse>('/stats/breakdown', { query: { ...p }, signal }),
  });

/** The organizations behind a figure, 20 to a page. */
export const statsOrgsQuery = (p: StatsParams & { scope: OrgScope; page: number }) =>
  queryOptions({
    queryKey: statsKeys.orgs(p),
    queryFn: ({ signal }) => api<StatsOrgsResponse>('/stats/orgs', { query: { ...p, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
  });

export const exportViewUrl = (p: StatsParams) => `/api/v1/stats/targets.xlsx${toQueryString({ ...p })}`;
export const yearReportUrl = (region: string | undefined, year: number) => `/api/v1/stats/report.xlsx${toQueryString({ region, year })}`;
