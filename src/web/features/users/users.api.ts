import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserCreateBody, UserListQuery, UserResponse, UserUpdateBody } from '../../../shared/schemas/users.js';
import { api } from '../../api/client.js';

export type User = UserResponse;
export type UserSort = UserListQuery['sort'];

export interface UserFilter {
  q?: string;
  role?: string;
  region?: string;
  disabled?: 'true' | 'false';
  sort: UserSort;
  page: number;
  pageSize: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (f: UserFilter) => ['users', 'list', f] as const,
};

export const usersQuery = (f: UserFilter) =>
  queryOptions({
    queryKey: userKeys.list(f),
    queryFn: ({ signal }) => api<{ items: User[]; total: number }>('/users', { query: { ...f }, signal }),
    placeholderData: keepPreviousData,
  });

function useUserMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export const useCreateUser = () =>
  useUserMutation((body: UserCreateBody) => api<User>('/users', { method: 'POST', body }));

export const useUpdateUser = () =>
  useUserMutation(({ id, body }: { id: number; body: UserUpdateBody }) => api<User>(`/users/${id}`, { method: 'PATCH', body }));

export const useResetPassword = () =>
  useUserMutation(({ id, password }: { id: number; password: string }) =>
    api<{ ok: true }>(`/users/${id}/password`, { method: 'POST', body: { password } }),
  );

export const useUnlockUser = () => useUserMutation((id: number) => api<User>(`/users/${id}/unlock`, { method: 'POST' }));
