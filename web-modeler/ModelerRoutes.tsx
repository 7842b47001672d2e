// The web modeler's pages: what is deployed, one definition's versions, an editor per kind, the diff of two
// versions, and the policy impact preview of a changed decision table.
import { Navigate, Route, Routes } from 'react-router-dom';
import { DefinitionsPage } from './DefinitionsPage.tsx';
import { DiffPage } from './diff/DiffPage.tsx';
import { EditorPage } from './EditorPage.tsx';
import { PolicyPreviewPage } from './preview/PolicyPreviewPage.tsx';
import { VersionsPage } from './VersionsPage.tsx';
import './modeler.css';

export function ModelerRoutes() {
  return (
    <Routes>
      <Route index element={<DefinitionsPage />} />
      <Route path="preview" element={<PolicyPreviewPage />} />
      <Route path=":kind/:key" element={<VersionsPage />} />
      <Route path=":kind/:key/edit" element={<EditorPage />} />
      <Route path=":kind/:key/diff" element={<DiffPage />} />
      <Route path="*" element={<Navigate to="/modeler" replace />} />
    </Routes>
  );
}
