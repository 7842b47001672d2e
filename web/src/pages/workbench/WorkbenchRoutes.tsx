// The caseworker workbench's pages.
import { Route, Routes } from 'react-router-dom';
import { Typography } from 'antd';

export function WorkbenchRoutes() {
  return (
    <Routes>
      <Route index element={<Typography.Title level={3}>待办任务</Typography.Title>} />
    </Routes>
  );
}
