import { LangSwitch } from '../../components/LangSwitch.js';
import { Suspense } from 'react';
import { usePageTitle } from '../../lib/page-title.js';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Skeleton } from 'antd';
import { ErrorBoundary } from '../../components/ErrorBoundary.js';
import { useT } from '../../i18n.js';
import { publicMessages } from './public.messages.js';

/** The public register's frame: no menu, no session, a plain header and the notice of what is (not) shown. */
export default function PublicLayout() {
  const t = useT(publicMessages);
  const location = useLocation();

  usePageTitle(t('public.title'), 0);

  return (
    <div className="public-root">
      <header className="public-header">
        <div className="public-header-inner">
          <Link to="/public" className="public-brand">
            <span className="app-brand-mark" lang="zh-CN" aria-hidden>
              社
            </span>
            <span>
              <span className="public-title">{t('public.title')}</span>
              <span className="public-subtitle">{t('public.subtitle')}</span>
            </span>
          </Link>
          <div className="public-header-right">
            <Link to="/public" className="public-login public-nav-register no-print">
              {t('public.register')}
            </Link>
            {/* 双随机一公开: the published plans, their seeds and results, which anyone may recompute. */}
            <Link to="/public/inspections" className="public-login no-print">
              {t('public.inspections')}
            </Link>
            <Link to="/verify" className="public-login no-print" data-testid="verify-link">
              {t('verify.title')}
            </Link>
            <LangSwitch />
            <Link to="/login" className="public-login no-print">
              {t('public.staffLogin')}
            </Link>
          </div>
        </div>
      </header>
      <main className="public-main">
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="public-footer">{t('public.note')}</footer>
    </div>
  );
}
