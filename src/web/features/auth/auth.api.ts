import { keepPreviousData, queryOptions, useMutation } from '@tanstack/react-query';
import type { PublicCommunityResponse } from '../../../shared/schemas/regions.js';
import { api } from '../../api/client.js';

// Sign-up and its community search need no session (sent with allowUnauthorized). Signing in and out belong to
// the session itself (src/web/auth/session.tsx: useLogin, useLogout), which the shell uses on every page.

export type CommunityHit = PublicCommunityResponse['items'][number];

export const authKeys = {
  communities: (q: string) => ['public', 'communities', q] as const,
};

/** Communities and villages found by name, pinyin, initials or 12-digit code (GET /public/communities). */
export const communitiesQuery = (q: string) =>
  queryOptions({
    queryKey: authKeys.communities(q),
    queryFn: ({ signal }) => api<PublicCommunityResponse>('/public/communities', { query: { q, limit: 20 }, signal, allowUnauthorized: true }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export interface SignupBody {
  username: string;
  displayName: string;
  phone: string;
  password: string;
  regionCode: string;
}

/** An applicant opens an account (POST /public/signup); staff accounts are never made here. */
export function useSignup() {
  return useMutation({
    mutationFn: (body: SignupBody) => api<{ username: string }>('/public/signup', { method: 'POST', body, allowUnauthorized: true }),
  });
}
