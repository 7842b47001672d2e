// The routes: sign-in, the employer portal (/portal), the caseworker workbench (/workbench), the supervisors' figures
// (/supervision) and the web modeler (/modeler), each behind the
// roles that may use it. A page outside a person's role sends them home; the server refuses the data regardless.
import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Shell } from './components/Shell.tsx';
import { homeOf, useSession, type Role } from './lib/session.tsx';
import { SignInPage } from './pages/SignInPage.tsx';

// Each half loads only when used: an employer's phone never downloads the workbench and its form renderer.
const PortalRoutes = lazy(() => import('./pages/portal/PortalRoutes.tsx').then((m) => ({ default: m.PortalRoutes })));
const WorkbenchRoutes = lazy(() => import('./pages/workbench/WorkbenchRoutes.tsx').then((m) => ({ default: m.WorkbenchRoutes })));
// The cities' annual summary reports: the province and the city federations.
const AnnualReportsPage = lazy(() => import('./pages/annual-report/AnnualReportsPage.tsx').then((m) => ({ default: m.AnnualReportsPage })));
const RewardsPage = lazy(() => import('./pages/supervision/rewards/RewardsPage.tsx').then((m) => ({ default: m.RewardsPage })));
// The 2020–2021 review history import: the province and the city federations.
const HistoryImportPage = lazy(() => import('./pages/supervision/HistoryImportPage.tsx').then((m) => ({ default: m.HistoryImportPage })));
const OperationsPage = lazy(() => import('./pages/operations/OperationsPage.tsx').then((m) => ({ default: m.OperationsPage })));
// The supervisors' figures and their charts (ECharts) load only for those who supervise.
const SupervisionRoutes = lazy(() => import('./pages/supervision/SupervisionRoutes.tsx').then((m) => ({ default: m.SupervisionRoutes })));
// The web modeler (bpmn-js, dmn-js, the form editor) is large: only those who may read the definitions load it.
const ModelerRoutes = lazy(() => import('../../web-modeler/ModelerRoutes.tsx').then((m) => ({ default: m.ModelerRoutes })));

const STAFF: Role[] = ['clerk', 'reviewer', 'lead', 'city', 'province', 'operator', 'policy'];
/** Who reads the supervision figures (GET /api/supervision/*): the city and province, a county lead their county. */
export const SUPERVISORS: Role[] = ['city', 'province', 'lead'];
/** Over-quota rewards: a county's staff see their candidates, the city and province theirs (api/rewards.ts REWARD_READERS). */
const REWARD_READERS: Role[] = ['clerk', 'reviewer', 'lead', 'city', 'province'];
/** Who may open the modeler: policy staff change and deploy; the province and operators look (GET /api/definitions). */
export const MODELER_READERS: Role[] = ['policy', 'province', 'operator'];
/** Who opens the operators' dashboard (运行监控): operators, and the province reading it. */
const OPERATIONS_READERS: Role[] = ['operator', 'province'];

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { who } = useSession();
  const location = useLocation();
  if (!who) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!roles.includes(who.role)) return <Navigate to={homeOf(who)} replace />;
  return (
    <Shell>
      <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{children}</Suspense>
    </Shell>
  );
}

export function App() {
  const { who } = useSession();
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route path="/portal/*" element={<RequireRole roles={['employer']}><PortalRoutes /></RequireRole>} />
      <Route path="/workbench/*" element={<RequireRole roles={STAFF}><WorkbenchRoutes /></RequireRole>} />
      <Route path="/supervision/annual-reports" element={<RequireRole roles={['city', 'province']}><AnnualReportsPage /></RequireRole>} />
      <Route path="/supervision/rewards" element={<RequireRole roles={REWARD_READERS}><RewardsPage /></RequireRole>} />
      <Route path="/supervision/history-import" element={<RequireRole roles={['city', 'province']}><HistoryImportPage /></RequireRole>} />
      <Route path="/supervision/*" element={<RequireRole roles={SUPERVISORS}><SupervisionRoutes /></RequireRole>} />
      <Route path="/modeler/*" element={<RequireRole roles={MODELER_READERS}><ModelerRoutes /></RequireRole>} />
      <Route path="/operations" element={<RequireRole roles={OPERATIONS_READERS}><OperationsPage /></RequireRole>} />
      <Route path="*" element={<Navigate to={who ? homeOf(who) : '/login'} replace />} />
    </Routes>
  );
}
