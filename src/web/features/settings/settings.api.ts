import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SettingKey, SettingsResponse } from '../../../shared/schemas/settings.js';
import { api } from '../../api/client.js';

export type { SettingKey, SettingsResponse };

export const settingsKeys = { district: (region: string | undefined) => ['settings', region ?? ''] as const };

export const settingsQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: settingsKeys.district(region),
    queryFn: ({ signal }) => api<SettingsResponse>('/settings', { query: { region }, signal }),
  });

export function useSaveSetting(region: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value }: { key: SettingKey; value: unknown }) =>
      api<SettingsResponse>(`/settings/${encodeURIComponent(key)}`, { method: 'PUT', query: { region }, body: { value } }),
    onSuccess: (res) => {
      queryClient.setQueryData(settingsKeys.district(region), res);
      // Deadlines and due-soon windows feed every queue.
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}
