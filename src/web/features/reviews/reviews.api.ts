import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ReviewCounts, ReviewListItem, ReviewListResponse } from '../../../shared/schemas/reviews.js';
import type { ReviewStep } from '../../../shared/enums.js';
import { api } from '../../api/client.js';

export type { ReviewCounts, ReviewListItem };
export type ReviewStatus = ReviewListItem['status'];
export type ReviewDueState = NonNullable<ReviewListItem['dueState']>;

export interface ReviewListParams {
  queue: 'mine' | 'all';
  kind?: string;
  status?: ReviewStatus;
  step?: ReviewStep;
  due?: ReviewDueState;
  q?: string;
  sort: 'due' | '-submitted' | 'submitted' | '-updated';
  page: number;
  pageSize: number;
}

// Under ['applications']: every decision on an application (and a settings save, which moves deadlines) invalidates
// ['applications'], and the bell and the queue must follow it. Another subject kind's decisions invalidate
// reviewKeys.all, the prefix of both.
const REVIEWS = ['applications', 'reviews'] as const;
export const reviewKeys = {
  all: REVIEWS,
  counts: [...REVIEWS, 'counts'] as const,
  list: (p: ReviewListParams) => [...REVIEWS, 'list', p] as const,
};

/** The header bell: the signed-in user's to-dos of every kind (refreshed every minute and after every action). */
export const reviewCountsQuery = (enabled = true) =>
  queryOptions({
    queryKey: reviewKeys.counts,
    enabled,
    queryFn: ({ signal }) => api<ReviewCounts>('/reviews/counts', { signal }),
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

export const reviewsQuery = (p: ReviewListParams) =>
  queryOptions({
    queryKey: reviewKeys.list(p),
    queryFn: ({ signal }) => api<ReviewListResponse>('/reviews', { query: { ...p }, signal }),
    placeholderData: keepPreviousData,
  });

/**
 * Where a kind's own queue lists its to-dos with what the cross-kind queue cannot show (an applicant's drafts, the
 * batch decisions with the subject's fields). A kind without one is decided from the cross-kind queue.
 */
export const KIND_QUEUES: Record<string, string> = { application: '/applications?queue=mine' };

/** The bell's target: the kind's own queue when every to-do is of that kind, else the cross-kind queue. */
export function queuePathFor(counts: ReviewCounts | undefined): string {
  const busy = (counts?.byKind ?? []).filter((k) => k.mine > 0);
  const only = busy.length === 1 ? KIND_QUEUES[busy[0]!.kind] : undefined;
  return only ?? '/reviews';
}
