import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AnnualReport,
  AnnualReportChecks,
  AnnualReportDiff,
  AnnualReportListItem,
  AnnualReportListResponse,
  AnnualReportStatus,
  Conclusion,
  Obligation,
  PublicAnnualReportList,
  RateFigure,
  RateOrgsResponse,
  RatesResponse,
  SectionKey,
} from '../../../shared/schemas/annual-reports.js';
import type { ReviewDecision } from '../../../shared/enums.js';
import { api, toQueryString } from '../../api/client.js';

// The annual reports' API (src/server/modules/annual-reports/README.md): the queue, one report, its checks and
// year-over-year diff, the decision with its conclusion, the rates per node and the public conclusions.

export type { AnnualReport, AnnualReportChecks, AnnualReportDiff, AnnualReportListItem, AnnualReportStatus, Conclusion, Obligation, RateFigure, RatesResponse };
export type AnnualReportCheck = AnnualReport['checks'][number];
export type RateOrg = RateOrgsResponse['items'][number];

export interface ReportListParams {
  year?: number;
  region?: string;
  status?: AnnualReportStatus;
  conclusion?: Conclusion;
  org?: number;
  q?: string;
  page: number;
  pageSize: number;
}

// Every annual-report query sits under ['annual-reports']; a decision also moves the review queue and the board,
// so those prefixes go stale with it.
export const reportKeys = {
  all: ['annual-reports'] as const,
  list: (p: ReportListParams) => ['annual-reports', 'list', p] as const,
  detail: (id: number) => ['annual-reports', 'detail', id] as const,
  diff: (id: number) => ['annual-reports', 'diff', id] as const,
  obligation: (org: number, year: number) => ['annual-reports', 'obligation', org, year] as const,
  rates: (p: { region?: string; year: number; asOf?: string }) => ['annual-reports', 'rates', p] as const,
  rateOrgs: (p: object) => ['annual-reports', 'rate-orgs', p] as const,
};

export const reportsQuery = (p: ReportListParams, enabled = true) =>
  queryOptions({
    queryKey: reportKeys.list(p),
    queryFn: ({ signal }) => api<AnnualReportListResponse>('/annual-reports', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const reportQuery = (id: number) =>
  queryOptions({
    queryKey: reportKeys.detail(id),
    queryFn: ({ signal }) => api<AnnualReport>(`/annual-reports/${id}`, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });

export const diffQuery = (id: number) =>
  queryOptions({
    queryKey: reportKeys.diff(id),
    queryFn: ({ signal }) => api<AnnualReportDiff>(`/annual-reports/${id}/diff`, { signal }),
  });

export const obligationQuery = (org: number | null, year: number) =>
  queryOptions({
    queryKey: reportKeys.obligation(org ?? 0, year),
    queryFn: ({ signal }) => api<Obligation>('/annual-reports/obligation', { query: { org: org!, year }, signal }),
    enabled: org !== null && org > 0,
  });

export const ratesQuery = (p: { region?: string; year: number; asOf?: string }) =>
  queryOptions({
    queryKey: reportKeys.rates(p),
    queryFn: ({ signal }) => api<RatesResponse>('/annual-reports/rates', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

export const rateOrgsQuery = (p: { region: string; year: number; asOf?: string; figure: RateFigure; page: number; pageSize: number }) =>
  queryOptions({
    queryKey: reportKeys.rateOrgs(p),
    queryFn: ({ signal }) => api<RateOrgsResponse>('/annual-reports/rates/orgs', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

export const publicReportsQuery = (orgId: number) =>
  queryOptions({
    queryKey: ['public', 'annual-reports', orgId] as const,
    queryFn: ({ signal }) => api<PublicAnnualReportList>(`/public/orgs/${orgId}/annual-reports`, { signal, allowUnauthorized: true }),
    enabled: Number.isInteger(orgId) && orgId > 0,
  });

export const printPdfUrl = (id: number) => `/api/v1/annual-reports/${id}/print.pdf`;
export const scanUrl = (id: number) => `/api/v1/annual-reports/${id}/declaration-scan`;
export const rateOrgsPath = (p: { region: string; year: number; asOf?: string; figure: RateFigure }) => `/annual-reports/rates/${p.region}${toQueryString({ year: p.year, asOf: p.asOf, figure: p.figure })}`;

/** Reports of year Y are filed in Y + 1 (by 31 May): the year to file now is last year. */
export const currentReportYear = () => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4)) - 1;

function useRefresh() {
  const queryClient = useQueryClient();
  return (report?: AnnualReport) => {
    if (report) queryClient.setQueryData(reportKeys.detail(report.id), report);
    void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    // The review queue and the bell (reviews.api's prefix) and the board's inspection rate.
    void queryClient.invalidateQueries({ queryKey: ['applications', 'reviews'] });
    void queryClient.invalidateQueries({ queryKey: ['stats'] });
  };
}

export function useCreateReport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { orgId: number; year: number }) => api<AnnualReport>('/annual-reports', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useSaveReport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; sections: Partial<Record<SectionKey, unknown>> }) => api<AnnualReport>(`/annual-reports/${id}`, { method: 'PATCH', body }),
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(report.id), report);
      void queryClient.invalidateQueries({ queryKey: ['annual-reports', 'list'] });
    },
  });
}

export function useSubmitReport(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (version: number) => api<AnnualReport>(`/annual-reports/${id}/submit`, { method: 'POST', body: { version } }),
    onSuccess: refresh,
  });
}

export function useWithdrawReport(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (reason: string | undefined) => api<AnnualReport>(`/annual-reports/${id}/withdraw`, { method: 'POST', body: reason ? { reason } : {} }),
    onSuccess: refresh,
  });
}

export function useReviewReport(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { decision: ReviewDecision; conclusion?: Conclusion; opinion?: string; version?: number }) =>
      api<AnnualReport>(`/annual-reports/${id}/review`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUploadScan(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<AnnualReport>(`/annual-reports/${id}/declaration-scan`, { method: 'PUT', form });
    },
    onSuccess: refresh,
  });
}
