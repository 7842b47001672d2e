// The caseworker workbench's pages: the task inbox, one task, the filing search and one filing, window intake, the
// working-day calendar's years, the operators' incidents, the staff register, the register of units and one unit;
// above them, why one may not work on personal data, if so.
import { Navigate, Route, Routes } from 'react-router-dom';
import { CalendarPage } from './CalendarPage.tsx';
import { FilingDetailPage } from './FilingDetailPage.tsx';
import { FilingSearchPage } from './search/FilingSearchPage.tsx';
import { IncidentsPage } from './incidents/IncidentsPage.tsx';
import { IntakePage } from './intake/IntakePage.tsx';
import { TaskInboxPage } from './inbox/TaskInboxPage.tsx';
import { TaskPage } from './TaskPage.tsx';
import { StaffRegisterPage } from './staff/StaffRegisterPage.tsx';
import { StandingBanner } from './StandingBanner.tsx';
import { UnitDetailPage } from './units/UnitDetailPage.tsx';
import { UnitRegisterPage } from './units/UnitRegisterPage.tsx';
import './workbench.css';

export function WorkbenchRoutes() {
  return (
    <>
      <StandingBanner />
      <Routes>
        <Route index element={<TaskInboxPage />} />
        <Route path="tasks/:id" element={<TaskPage />} />
        <Route path="filings" element={<FilingSearchPage />} />
        <Route path="filings/:id" element={<FilingDetailPage />} />
        <Route path="intake" element={<IntakePage />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="incidents" element={<IncidentsPage />} />
        <Route path="staff" element={<StaffRegisterPage />} />
        <Route path="units" element={<UnitRegisterPage />} />
        <Route path="units/:uscc" element={<UnitDetailPage />} />
        <Route path="*" element={<Navigate to="/workbench" replace />} />
      </Routes>
    </>
  );
}
