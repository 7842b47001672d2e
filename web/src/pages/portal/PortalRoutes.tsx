// The employer portal's pages: the unit's filings, a new filing, one filing in detail.
import { Route, Routes } from 'react-router-dom';
import { FilingDetailPage } from './detail/FilingDetailPage.tsx';
import { FilingListPage } from './FilingListPage.tsx';
import { NewFilingPage } from './new-filing/NewFilingPage.tsx';

export function PortalRoutes() {
  return (
    <Routes>
      <Route index element={<FilingListPage />} />
      <Route path="new" element={<NewFilingPage />} />
      <Route path="filings/:id" element={<FilingDetailPage />} />
    </Routes>
  );
}
