// The BPMN editor of the web modeler: bpmn-js with the properties panel for Operaton's attributes, the project's
// element templates and Chinese labels; the checks' findings marked on their elements. Implements the editor
// contract (editor-contract.ts) the modeler's page drives.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import './bpmn-editor.css';
import { Alert } from 'antd';
import type BpmnModeler from 'bpmn-js/lib/Modeler';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { EditorHandle, EditorProps } from '../editor-contract.ts';
import { createModeler } from './create-modeler.ts';
import { templateFilesOrNone } from './element-templates.ts';
import { FindingMarkers } from './finding-markers.ts';
import { newDiagramXml, processIdOf } from './new-diagram.ts';
import { revealElement, showDiagramStart } from './viewport.ts';

/** Runs after Preact's effects of the render just made: they run after the next frame. */
function afterPanelEffects(run: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(run, 0)));
}

export function BpmnEditor({ fileName, initial, findings, onChange, readOnly, revealOnOpen, ref }: EditorProps & { ref?: Ref<EditorHandle> }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<BpmnModeler | null>(null);
  const markersRef = useRef<FindingMarkers | null>(null);
  const onChangeRef = useRef(onChange);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Bumped after each import, so that findings are drawn on the elements of the diagram now shown.
  const [importCount, setImportCount] = useState(0);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let current = true;
    let modeler: BpmnModeler | undefined;
    setLoadError(null);
    // The templates before the modeler: arriving later, they would make the properties panel render again for the
    // selection it had before its effects caught up, undoing an element revealed on opening.
    void templateFilesOrNone().then((templates) => {
      if (!current) return;
      const opened = createModeler({ canvas: canvasRef.current!, panel: panelRef.current!, readOnly, templates });
      modeler = opened;
      modelerRef.current = opened;
      markersRef.current = new FindingMarkers({
        elementRegistry: opened.get('elementRegistry'),
        canvas: opened.get('canvas'),
        overlays: opened.get('overlays'),
      });
      opened.on('commandStack.changed', () => onChangeRef.current());
      return opened
        .importXML(initial.trim() ? initial : newDiagramXml(processIdOf(fileName)))
        .then(() => {
          if (!current) return;
          showDiagramStart(opened.get('canvas'));
          // The properties panel (Preact) attaches its selection listener in an effect, after the next frame: a
          // selection made before then would leave the panel on the process. So the element is revealed after it.
          if (revealOnOpen) afterPanelEffects(() => current && revealElement(opened, revealOnOpen));
          setImportCount((n) => n + 1);
        })
        .catch((error: unknown) => {
          // bpmn-js says what failed in English: kept for the console, the page says it in Chinese.
          console.error('BPMN import failed', error);
          if (current) setLoadError('文件内容无法读取或显示。请确认它是 BPMN 2.0 流程图；如仍无法打开，请联系运维人员。');
        });
    });
    return () => {
      current = false;
      modelerRef.current = null;
      markersRef.current = null;
      modeler?.destroy();
    };
  }, [fileName, initial, readOnly, revealOnOpen]);

  useEffect(() => {
    if (importCount > 0) markersRef.current?.draw(findings);
  }, [findings, importCount]);

  useImperativeHandle(
    ref,
    () => ({
      async current() {
        const modeler = modelerRef.current;
        if (!modeler) throw new Error('流程图尚未打开');
        const { xml } = await modeler.saveXML({ format: true });
        return { name: fileName, content: xml ?? '' };
      },
      reveal(elementId: string) {
        const modeler = modelerRef.current;
        if (modeler) revealElement(modeler, elementId);
      },
    }),
    [fileName],
  );

  return (
    <div className={`dpf-bpmn-editor${readOnly ? ' dpf-bpmn-editor--read-only' : ''}`}>
      <div className="dpf-bpmn-editor__canvas" ref={canvasRef}>
        {loadError && (
          <Alert
            type="error"
            showIcon
            style={{ position: 'absolute', top: 12, left: 12, right: 12, zIndex: 10 }}
            title="无法打开此流程图"
            description={loadError}
          />
        )}
      </div>
      <div className="dpf-bpmn-editor__panel">
        {/* A disabled fieldset keeps every input of the panel read-only when the page is view-only. */}
        <fieldset className="dpf-bpmn-editor__panel-fields" disabled={readOnly}>
          <div ref={panelRef} style={{ height: '100%' }} />
        </fieldset>
      </div>
    </div>
  );
}
