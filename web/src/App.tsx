// The routes: sign-in, the employer portal (/portal) and the caseworker workbench (/workbench), each behind the
// roles that may use it. A page outside a person's role sends them home; the server refuses the data regardless.
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { ReactNode } from 'react';
import { Shell } from './components/Shell.tsx';
import { homeOf, useSession, type Role } from './lib/session.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { PortalRoutes } from './pages/portal/PortalRoutes.tsx';
import { WorkbenchRoutes } from './pages/workbench/WorkbenchRoutes.tsx';

const STAFF: Role[] = ['clerk', 'reviewer', 'lead', 'city', 'province', 'operator', 'policy'];

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { who } = useSession();
  const location = useLocation();
  if (!who) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!roles.includes(who.role)) return <Navigate to={homeOf(who)} replace />;
  return <Shell>{children}</Shell>;
}

export function App() {
  const { who } = useSession();
  return (
    <Routes>
      <Route path="/login" element={<SignInPage />} />
      <Route path="/portal/*" element={<RequireRole roles={['employer']}><PortalRoutes /></RequireRole>} />
      <Route path="/workbench/*" element={<RequireRole roles={STAFF}><WorkbenchRoutes /></RequireRole>} />
      <Route path="*" element={<Navigate to={who ? homeOf(who) : '/login'} replace />} />
    </Routes>
  );
}
