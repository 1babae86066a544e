import { useEffect, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { App, Button, Result, Spin } from 'antd';
import type { LoginBody, LoginResponse, SessionUser } from '../../shared/schemas/auth.js';
import { api, ApiError, errorMessage, setCsrfToken, setUnauthorizedHandler } from '../api/client.js';
import { useT } from '../i18n.js';

export const SESSION_KEY = ['session'] as const;

/** The signed-in user, or null; also picks up the CSRF token that every write needs. */
async function fetchSession(): Promise<SessionUser | null> {
  try {
    const res = await api<LoginResponse>('/auth/me', { allowUnauthorized: true });
    setCsrfToken(res.csrfToken);
    return res.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
}

/** The user inside the signed-in part of the app (under RequireAuth), never null there. */
export function useCurrentUser(): SessionUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

export function useCan(): (permission: string) => boolean {
  const user = useCurrentUser();
  return (permission) => user.permissions.includes(permission);
}

/** Keeps only the session entry: a new sign-in must never see the previous user's cached pages. */
function dropCachedData(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) =>
      api<LoginResponse>('/auth/login', { method: 'POST', body, allowUnauthorized: true }),
    onSuccess: (res) => {
      setCsrfToken(res.csrfToken);
      dropCachedData(queryClient);
      queryClient.setQueryData(SESSION_KEY, res.user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const t = useT();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/auth/logout', { method: 'POST', allowUnauthorized: true }),
    onError: (err) => {
      // The session may already be gone on the server; the browser side still signs out.
      if (!(err instanceof ApiError && err.status === 401)) message.warning(errorMessage(err));
    },
    onSettled: () => {
      setCsrfToken(null);
      navigate('/login', { replace: true });
      queryClient.setQueryData(SESSION_KEY, null);
      dropCachedData(queryClient);
      message.success(t('auth.loggedOut'));
    },
  });
}

/** Turns any 401 from the API (expired or ended session) into a trip to the login page that comes back here. */
export function UnauthorizedBridge() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const t = useT();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const wasSignedIn = queryClient.getQueryData(SESSION_KEY) != null;
      setCsrfToken(null);
      queryClient.setQueryData(SESSION_KEY, null);
      if (wasSignedIn) message.warning({ content: t('auth.expired'), key: 'session-expired' });
    });
  }, [queryClient, message, t]);
  return null;
}

/** Only a local path may follow login, never another site (`//evil.example`). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" />
    </div>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const t = useT();
  if (session.isPending) return <FullPageSpin />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={t('auth.sessionCheckFailed')}
        subTitle={errorMessage(session.error)}
        extra={
          <Button type="primary" onClick={() => session.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** A page the role may not open says so instead of showing an empty shell. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const can = useCan();
  const t = useT();
  if (!can(permission)) return <Result status="403" title="403" subTitle={t('common.noAccessPage')} />;
  return children;
}
