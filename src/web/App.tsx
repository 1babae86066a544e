import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, RouterProvider, createBrowserRouter, createRoutesFromElements } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { ApiError } from './api/client.js';
import { FullPageSpin, RequireAuth, RequirePermission, UnauthorizedBridge, useCurrentUser } from './auth/session.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { LangProvider, useLang, useT } from './i18n.js';
import { THEME } from './theme.js';

// The signed-in app's shell (menu, header, to-do bell) is a chunk of its own too: the login page, the first page
// anyone opens, loads only what it shows (issue 11: at most 400 KB of gzipped JS and CSS; `npm run bench web-bundle`).
const AppLayout = lazy(() => import('./components/AppLayout.js').then((m) => ({ default: m.AppLayout })));
// The first page a user's permissions allow: it needs the menu's list, so it comes with the shell's chunk.
const HomeRedirect = lazy(() =>
  import('./components/AppLayout.js').then(({ homePath }) => ({
    default: function HomeRedirect() {
      const user = useCurrentUser();
      const t = useT();
      const home = homePath(user);
      if (home) return <Navigate to={home} replace />;
      return <Result status="info" title={t('nav.nothing')} subTitle={t('nav.nothingHint')} />;
    },
  })),
);

// The header's to-do bell comes with the shell, not with the login page.
const ToDoBell = lazy(() => import('./features/reviews/ToDoBell.js').then((m) => ({ default: m.ToDoBell })));
const InboxBell = lazy(() => import('./features/notifications/InboxBell.js').then((m) => ({ default: m.InboxBell })));

// Each page is its own chunk, fetched when first opened.
const LoginPage = lazy(() => import('./features/auth/LoginPage.js'));
const RegionsPage = lazy(() => import('./features/regions/RegionsPage.js'));
const UsersPage = lazy(() => import('./features/users/UsersPage.js'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.js'));
const OrgsPage = lazy(() => import('./features/orgs/OrgsPage.js'));
const OrgFormPage = lazy(() => import('./features/orgs/OrgFormPage.js'));
const OrgRecordPage = lazy(() => import('./features/orgs/OrgRecordPage.js'));
const OrgPrintPage = lazy(() => import('./features/orgs/OrgPrintPage.js'));
const PublicLayout = lazy(() => import('./features/public/PublicLayout.js'));
const PublicOrgsPage = lazy(() => import('./features/public/PublicOrgsPage.js'));
const PublicOrgPage = lazy(() => import('./features/public/PublicOrgPage.js'));
// ECharts comes with this page only.
const StatsPage = lazy(() => import('./features/stats/StatsPage.js'));
const SignupPage = lazy(() => import('./features/auth/SignupPage.js'));
const VerifyPage = lazy(() => import('./features/public/VerifyPage.js'));
const ApplicationsPage = lazy(() => import('./features/applications/ApplicationsPage.js'));
const NewApplicationPage = lazy(() => import('./features/applications/NewApplicationPage.js'));
const ApplicationPage = lazy(() => import('./features/applications/ApplicationPage.js'));
const ApplicationEditPage = lazy(() => import('./features/applications/ApplicationEditPage.js'));
const ApplicationPrintPage = lazy(() => import('./features/applications/ApplicationPrintPage.js'));
const OverduePage = lazy(() => import('./features/applications/OverduePage.js'));
const ReviewsPage = lazy(() => import('./features/reviews/ReviewsPage.js'));
const AnnualReportsPage = lazy(() => import('./features/annual-reports/AnnualReportsPage.js'));
const AnnualReportPage = lazy(() => import('./features/annual-reports/ReportPage.js'));
const AnnualReportFormPage = lazy(() => import('./features/annual-reports/ReportFormPage.js'));
const NewAnnualReportPage = lazy(() => import('./features/annual-reports/NewReportPage.js'));
const AnnualRatesPage = lazy(() => import('./features/annual-reports/AnnualRatesPage.js'));
const CreditPage = lazy(() => import('./features/credit/CreditPage.js'));
const CreditEntryPage = lazy(() => import('./features/credit/CreditEntryPage.js'));
const CreditNewPage = lazy(() => import('./features/credit/CreditNewPage.js'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage.js'));
const NotificationsPage = lazy(() => import('./features/notifications/NotificationsPage.js'));
const LedgerPage = lazy(() => import('./features/ledger/LedgerPage.js'));
const ActivityEntryPage = lazy(() => import('./features/ledger/ActivityEntryPage.js'));
const DeclarationsPage = lazy(() => import('./features/declarations/DeclarationsPage.js'));
const DeclarationPage = lazy(() => import('./features/declarations/DeclarationPage.js'));
const DeclarationFormPage = lazy(() => import('./features/declarations/DeclarationFormPage.js'));
const DeclarationFlagsPage = lazy(() => import('./features/declarations/DeclarationFlagsPage.js'));
const PenaltiesPage = lazy(() => import('./features/penalties/PenaltiesPage.js'));
const PenaltyPage = lazy(() => import('./features/penalties/PenaltyPage.js'));
const PenaltyFormPage = lazy(() => import('./features/penalties/PenaltyFormPage.js'));
const RulesPage = lazy(() => import('./features/rules/RulesPage.js'));
const InspectionPlansPage = lazy(() => import('./features/inspections/PlansPage.js'));
const InspectionPlanPage = lazy(() => import('./features/inspections/PlanPage.js'));
const MyChecksPage = lazy(() => import('./features/inspections/MyChecksPage.js'));
const CheckPage = lazy(() => import('./features/inspections/CheckPage.js'));
const PublicInspectionPage = lazy(() => import('./features/inspections/PublicPlanPage.js'));
const PublicInspectionsPage = lazy(() => import('./features/inspections/PublicPlanPage.js').then((m) => ({ default: m.PublicPlansPage })));
const RisksPage = lazy(() => import('./features/risks/RisksPage.js'));
const RiskBoardPage = lazy(() => import('./features/risks/RiskBoardPage.js'));
const RiskPage = lazy(() => import('./features/risks/RiskPage.js'));
const NotFound = lazy(() => import('./components/NotFound.js'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; a network blip or a 5xx may.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});


/** What every page sits in: the 401 bridge (needs the router) and the error boundary. */
function Root() {
  return (
    <>
      <UnauthorizedBridge />
      <ErrorBoundary>
        <Outlet />
      </ErrorBoundary>
    </>
  );
}

// A data router, for its navigation blocker: a form with unsaved input asks before the menu, a link or the
// browser's back button leaves it (lib/form-feedback.tsx useUnsavedGuard; issue 22 item 3).
const router = createBrowserRouter(
  createRoutesFromElements(
    <Route element={<Root />}>
      <Route
        path="/login"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        path="/signup"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <SignupPage />
          </Suspense>
        }
      />
      {/* Certificate verification (the QR code on every certificate leads here): public, in the register's frame. */}
      <Route
        path="/verify"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicLayout />
          </Suspense>
        }
      >
        <Route index element={<VerifyPage />} />
        <Route path=":number" element={<VerifyPage />} />
      </Route>
      {/* The public register: no session, no app chrome (the API's /public routes need no login either). */}
      <Route
        path="/public"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicLayout />
          </Suspense>
        }
      >
        <Route index element={<PublicOrgsPage />} />
        <Route path="orgs/:id" element={<PublicOrgPage />} />
        <Route path="inspections" element={<PublicInspectionsPage />} />
        <Route path="inspections/:id" element={<PublicInspectionPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      {/* The printable record: signed in, but without the menu and header around the A4 sheet. */}
      <Route
        path="/orgs/:id/print"
        element={
          <RequireAuth>
            <RequirePermission permission="org.read">
              <Suspense fallback={<FullPageSpin />}>
                <OrgPrintPage />
              </Suspense>
            </RequirePermission>
          </RequireAuth>
        }
      />
      <Route
        path="/applications/:id/print"
        element={
          <RequireAuth>
            <RequirePermission permission="application.read">
              <Suspense fallback={<FullPageSpin />}>
                <ApplicationPrintPage />
              </Suspense>
            </RequirePermission>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Suspense fallback={<FullPageSpin />}>
              <AppLayout headerTools={<><ToDoBell /><InboxBell /></>} />
            </Suspense>
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        <Route
          path="orgs"
          element={
            <RequirePermission permission="org.read">
              <OrgsPage />
            </RequirePermission>
          }
        />
        <Route
          path="orgs/new"
          element={
            <RequirePermission permission="org.create">
              <OrgFormPage />
            </RequirePermission>
          }
        />
        <Route
          path="orgs/:id"
          element={
            <RequirePermission permission="org.read">
              <OrgRecordPage />
            </RequirePermission>
          }
        />
        <Route
          path="orgs/:id/edit"
          element={
            <RequirePermission permission="org.update">
              <OrgFormPage />
            </RequirePermission>
          }
        />
        <Route path="reviews" element={<RequirePermission permission="review.read"><ReviewsPage /></RequirePermission>} />
        <Route path="ledger" element={<RequirePermission permission="ledger.read"><LedgerPage /></RequirePermission>} />
        <Route path="ledger/new" element={<RequirePermission permission="activity.write"><ActivityEntryPage /></RequirePermission>} />
        <Route path="activities/:id/edit" element={<RequirePermission permission="activity.write"><ActivityEntryPage /></RequirePermission>} />
        <Route path="applications" element={<RequirePermission permission="application.read"><ApplicationsPage /></RequirePermission>} />
        <Route path="applications/new" element={<RequirePermission permission="application.apply"><NewApplicationPage /></RequirePermission>} />
        <Route path="applications/overdue" element={<RequirePermission permission="application.review"><OverduePage /></RequirePermission>} />
        <Route path="applications/:id" element={<RequirePermission permission="application.read"><ApplicationPage /></RequirePermission>} />
        <Route path="applications/:id/edit" element={<RequirePermission permission="application.apply"><ApplicationEditPage /></RequirePermission>} />
        {/* 年报/年检 (issue 13 items 4, 5 and 7). */}
        <Route path="annual-reports" element={<RequirePermission permission="annual_report.read"><AnnualReportsPage /></RequirePermission>} />
        <Route path="annual-reports/new" element={<RequirePermission permission="annual_report.read"><NewAnnualReportPage /></RequirePermission>} />
        <Route path="annual-reports/rates/:code?" element={<RequirePermission permission="annual_report.read"><AnnualRatesPage /></RequirePermission>} />
        <Route path="annual-reports/:id" element={<RequirePermission permission="annual_report.read"><AnnualReportPage /></RequirePermission>} />
        <Route path="annual-reports/:id/edit" element={<RequirePermission permission="annual_report.file"><AnnualReportFormPage /></RequirePermission>} />
        {/* 信用管理 (民政部令第60号; issue 14 item 3). */}
        <Route path="credit" element={<RequirePermission permission="credit.read"><CreditPage /></RequirePermission>} />
        <Route path="credit/new" element={<RequirePermission permission="credit.write"><CreditNewPage /></RequirePermission>} />
        <Route path="credit/:id" element={<RequirePermission permission="credit.read"><CreditEntryPage /></RequirePermission>} />
        <Route path="settings" element={<RequirePermission permission="settings.manage"><SettingsPage /></RequirePermission>} />
        <Route path="notifications" element={<RequirePermission permission="notification.read"><NotificationsPage /></RequirePermission>} />
        <Route path="declarations" element={<RequirePermission permission="declaration.read"><DeclarationsPage /></RequirePermission>} />
        <Route path="declarations/new" element={<RequirePermission permission="declaration.file"><DeclarationFormPage /></RequirePermission>} />
        <Route path="declarations/flags" element={<RequirePermission permission="declaration.read"><DeclarationFlagsPage /></RequirePermission>} />
        <Route path="declarations/:id" element={<RequirePermission permission="declaration.read"><DeclarationPage /></RequirePermission>} />
        <Route path="declarations/:id/edit" element={<RequirePermission permission="declaration.file"><DeclarationFormPage /></RequirePermission>} />
        <Route path="penalties" element={<RequirePermission permission="penalty.read"><PenaltiesPage /></RequirePermission>} />
        <Route path="penalties/new" element={<RequirePermission permission="penalty.write"><PenaltyFormPage /></RequirePermission>} />
        <Route path="penalties/:id" element={<RequirePermission permission="penalty.read"><PenaltyPage /></RequirePermission>} />
        <Route path="rules" element={<RequirePermission permission="rule.read"><RulesPage /></RequirePermission>} />
        {/* 双随机抽查 (issue 14 item 4): plans for the district's staff, the checklist for the inspectors drawn. */}
        <Route path="inspections" element={<RequirePermission permission="inspection.read"><InspectionPlansPage /></RequirePermission>} />
        <Route path="inspections/mine" element={<RequirePermission permission="inspection.check"><MyChecksPage /></RequirePermission>} />
        <Route path="inspections/items/:id" element={<RequirePermission permission="inspection.check"><CheckPage /></RequirePermission>} />
        <Route path="inspections/:id" element={<RequirePermission permission="inspection.read"><InspectionPlanPage /></RequirePermission>} />
        <Route path="risks" element={<RequirePermission permission="risk.read"><RisksPage /></RequirePermission>} />
        <Route path="risks/board" element={<RequirePermission permission="risk.read"><RiskBoardPage /></RequirePermission>} />
        <Route path="risks/:id" element={<RequirePermission permission="risk.read"><RiskPage /></RequirePermission>} />
        <Route
          path="stats/:code?"
          element={
            <RequirePermission permission="stats.read">
              <StatsPage />
            </RequirePermission>
          }
        />
        <Route
          path="regions/:code?"
          element={
            <RequirePermission permission="region.read">
              <RegionsPage />
            </RequirePermission>
          }
        />
        <Route
          path="users"
          element={
            <RequirePermission permission="user.read">
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="audit"
          element={
            <RequirePermission permission="audit.read">
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Route>,
  ),
);

function Shell() {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={THEME}
    >
      {/* Messages open below the header, never over it and its to-do bell (issue 22 item 10). */}
      <AntApp message={{ top: 68 }} notification={{ top: 68 }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LangProvider>
      <Shell />
    </LangProvider>
  );
}
