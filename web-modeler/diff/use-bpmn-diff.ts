// The diagram diff's two viewers: both versions imported, their pan and zoom kept together, the changes found and
// marked, a wide diagram opened at its first change; and revealing one element on both sides.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import { OPERATON_MODDLE_PREFIX, operatonModdleDescriptor } from '../bpmn/operaton-moddle.ts';
import { diffBpmn, type ElementChange } from './bpmn-diff.ts';
import { centre, isOnCanvas, markChanges, READABLE_ZOOM, type Box, type Canvas, type Registry, type Selection } from './bpmn-diff-canvas.ts';

export function useBpmnDiff(oldXml: string, newXml: string) {
  const oldRef = useRef<HTMLDivElement>(null);
  const newRef = useRef<HTMLDivElement>(null);
  const viewers = useRef<{ old: NavigatedViewer; new: NavigatedViewer } | null>(null);
  const [changes, setChanges] = useState<ElementChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    const moddleExtensions = { [OPERATON_MODDLE_PREFIX]: operatonModdleDescriptor };
    const left = new NavigatedViewer({ container: oldRef.current!, moddleExtensions });
    const right = new NavigatedViewer({ container: newRef.current!, moddleExtensions });
    viewers.current = { old: left, new: right };
    let alive = true;

    // Either side's pan or zoom is copied to the other; the flag keeps the copy from echoing back.
    let copying = false;
    const follow = (from: NavigatedViewer, to: NavigatedViewer) =>
      from.on('canvas.viewbox.changed', (event: { viewbox: Box }) => {
        if (copying) return;
        copying = true;
        const { x, y, width, height } = event.viewbox;
        to.get<Canvas>('canvas').viewbox({ x, y, width, height });
        copying = false;
      });
    follow(left, right);
    follow(right, left);

    setChanges(null);
    setError(null);
    Promise.all([diffBpmn(oldXml, newXml), left.importXML(oldXml), right.importXML(newXml)])
      .then(([found]) => {
        if (!alive) return;
        markChanges(left, found, 'old');
        markChanges(right, found, 'new');
        const canvas = right.get<Canvas>('canvas');
        const scale = canvas.zoom('fit-viewport', 'auto');
        if (scale < READABLE_ZOOM) {
          const { inner, outer } = canvas.viewbox();
          canvas.viewbox({ x: inner.x - 40, y: inner.y - 40, width: outer.width / READABLE_ZOOM, height: outer.height / READABLE_ZOOM });
          // A wide diagram shows only part of itself: start at the first change rather than somewhere unchanged.
          const first = found.find((change) => isOnCanvas(right, change.id) || isOnCanvas(left, change.id));
          if (first) centre([right, left], first.id);
        }
        setChanges(found);
      })
      .catch((e: unknown) => alive && setError(`无法比较这两个版本的流程图：${e instanceof Error ? e.message : String(e)}`));

    return () => {
      alive = false;
      viewers.current = null;
      left.destroy();
      right.destroy();
    };
  }, [oldXml, newXml]);

  /** Centres the element on both canvases (they move together) and selects it where it exists. */
  const reveal = (id: string) => {
    setSelected(id);
    const pair = viewers.current;
    if (!pair) return;
    for (const viewer of [pair.new, pair.old]) {
      viewer.get<Selection>('selection').select(isOnCanvas(viewer, id) ? viewer.get<Registry>('elementRegistry').get(id)! : null);
    }
    centre([pair.new, pair.old], id);
  };

  return { oldRef, newRef, changes, error, selected, reveal };
}
