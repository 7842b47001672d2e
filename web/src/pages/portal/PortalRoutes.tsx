// The employer portal's pages.
import { Route, Routes } from 'react-router-dom';
import { Typography } from 'antd';

export function PortalRoutes() {
  return (
    <Routes>
      <Route index element={<Typography.Title level={3}>我的申报</Typography.Title>} />
    </Routes>
  );
}
