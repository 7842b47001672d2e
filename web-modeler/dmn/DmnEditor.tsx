// The DMN editor of the modeler: dmn-js's modeler (its viewer when read-only) under a row of tabs, one per view —
// the decision requirements diagram and each decision's table — so that a policy officer goes straight to the
// table holding, say, the minimum wages. Findings of the live checks are marked on the DRD shapes and on table rows.
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import './dmn-editor.css';

import { Alert } from 'antd';
import { useImperativeHandle, type Ref } from 'react';
import type { EditorHandle, EditorProps } from '../editor-contract.ts';
import { DmnFindingsList } from './DmnFindingsList.tsx';
import { DmnViewTabs } from './DmnViewTabs.tsx';
import { findingsCss } from './finding-marks.ts';
import { useDmnModeler } from './use-dmn-modeler.ts';
import { findingsOfTab } from './view-tabs.ts';

export function DmnEditor({ fileName, initial, findings, onChange, readOnly, revealOnOpen, ref }: EditorProps & { ref?: Ref<EditorHandle> }) {
  const dmn = useDmnModeler({ initial, findings, onChange, readOnly, revealOnOpen });
  const { modelerRef, tabs, activeId, owners } = dmn;

  useImperativeHandle(
    ref,
    () => ({
      async current() {
        const modeler = modelerRef.current;
        if (!modeler) throw new Error('决策文件尚未载入');
        const { xml } = await modeler.saveXML({ format: true });
        return { name: fileName, content: xml };
      },
      reveal: dmn.reveal,
    }),
    [fileName],
  );

  return (
    <div className="dmn-editor">
      <style>{findingsCss(findings)}</style>
      <DmnViewTabs tabs={tabs} activeId={activeId} findings={findings} owners={owners} onOpen={dmn.open} />
      {dmn.loadError && <Alert type="error" showIcon message="决策文件无法打开" description={dmn.loadError} />}
      <DmnFindingsList findings={findingsOfTab(findings, owners, tabs, activeId)} onReveal={dmn.reveal} />
      <div className={`dmn-editor-canvas${readOnly ? ' dmn-editor-readonly' : ''}`} ref={dmn.canvasRef} />
    </div>
  );
}
