// The supervisors' pages (/supervision): the figures of a year and region for the city, the province and county leads.
import { Navigate, Route, Routes } from 'react-router-dom';
import { SupervisionPage } from './SupervisionPage.tsx';

export function SupervisionRoutes() {
  return (
    <Routes>
      <Route index element={<SupervisionPage />} />
      <Route path="*" element={<Navigate to="/supervision" replace />} />
    </Routes>
  );
}
