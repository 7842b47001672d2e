// The diagram diff: the old version (left) and the new one (right) side by side, moving together, with added
// elements green on the new side, removed ones red on the old side, changed ones amber on both and moved ones
// blue; below, every change in a table with its property-level old → new values. A row brings its element into
// view on both sides.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './diff.css';
import { Alert, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useLoaded } from '../../web/src/lib/use-loaded.ts';
import { templateFiles } from '../bpmn/element-templates.ts';
import type { ChangeKind } from './bpmn-diff.ts';
import { BpmnChangeTable } from './BpmnChangeTable.tsx';
import { ChangeKindTag } from './change-display.tsx';
import { useBpmnDiff } from './use-bpmn-diff.ts';

export function BpmnDiffView({ oldXml, newXml, oldTitle, newTitle }: { oldXml: string; newXml: string; oldTitle: string; newTitle: string }) {
  const { oldRef, newRef, changes, error, selected, reveal } = useBpmnDiff(oldXml, newXml);
  const [filter, setFilter] = useState<'all' | ChangeKind>('all');
  // For the template fields' labels: until they arrive (or if they cannot), a parameter is named by its kind and name.
  const templates = useLoaded(templateFiles, []).data ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} />}
      <div className="diff-legend">
        <ChangeKindTag kind="added" /> 仅在新版本上标出
        <ChangeKindTag kind="removed" /> 仅在旧版本上标出
        <ChangeKindTag kind="changed" /> 两侧都标出
        <ChangeKindTag kind="layout" /> 仅位置或大小改变
        <Typography.Text type="secondary">拖动或缩放任一侧，另一侧随之移动。</Typography.Text>
      </div>
      <div className="diff-canvases">
        <div className="diff-side">
          <div className="diff-side-title">旧版本：{oldTitle}</div>
          <div ref={oldRef} className="diff-canvas" data-testid="diff-canvas-old" />
        </div>
        <div className="diff-side">
          <div className="diff-side-title">新版本：{newTitle}</div>
          <div ref={newRef} className="diff-canvas" data-testid="diff-canvas-new" />
        </div>
      </div>
      {changes === null && !error ? <Spin /> : <BpmnChangeTable changes={changes} selected={selected} onReveal={reveal} filter={filter} onFilter={setFilter} templates={templates} />}
    </Space>
  );
}
