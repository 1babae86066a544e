import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationCount, NotificationListResponse, NotificationReadAllResponse } from '../../../shared/schemas/notifications.js';
import { api } from '../../api/client.js';

export type { Notification, NotificationListResponse };
export type InboxFilter = 'all' | 'unread';

// Every inbox query sits under ['notifications'].
export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: (filter: InboxFilter, page: number, pageSize: number) => ['notifications', 'list', filter, page, pageSize] as const,
};

/** The header count: refreshed every minute, like the to-do bell. */
export const notificationCountQuery = (enabled = true) =>
  queryOptions({
    queryKey: notificationKeys.count,
    enabled,
    queryFn: ({ signal }) => api<NotificationCount>('/notifications/count', { signal }),
    refetchInterval: 60_000,
    staleTime: 15_000,
  });

export const notificationsQuery = (filter: InboxFilter, page: number, pageSize: number) =>
  queryOptions({
    queryKey: notificationKeys.list(filter, page, pageSize),
    queryFn: ({ signal }) => api<NotificationListResponse>('/notifications', { query: { filter, page, pageSize, order: 'unread_first' }, signal }),
    placeholderData: keepPreviousData,
  });

function useInboxMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }) });
}

export const useMarkRead = () => useInboxMutation((id: number) => api<Notification>(`/notifications/${id}/read`, { method: 'POST' }));
export const useMarkAllRead = () => useInboxMutation(() => api<NotificationReadAllResponse>('/notifications/read-all', { method: 'POST' }));
