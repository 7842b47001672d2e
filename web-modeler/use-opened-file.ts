// What the editor opens: the edit the preview handed back, else the version's source; a local file replaces either.
// Each opening has a new revision, which remounts the editor.
import { useEffect, useState } from 'react';
import { loadErrorText } from '../web/src/lib/use-loaded.ts';
import { sourceOf, type Kind, type ModelFile } from './modeler-api.ts';

export interface OpenedFile {
  text: string;
  revision: number;
  /** What was opened, for the person editing: 第 n 版, 预览前编辑的内容, 本地文件 …. */
  origin: string;
}

export function useOpenedFile(valid: boolean, kind: Kind, key: string, version: number | undefined, handedBack: ModelFile | undefined) {
  const [opened, setOpened] = useState<OpenedFile>();
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    if (!valid) return;
    if (handedBack) {
      setOpened({ text: handedBack.content, revision: Date.now(), origin: '预览前编辑的内容' });
      return;
    }
    if (version === undefined) return;
    let current = true;
    setOpened(undefined);
    sourceOf(kind, key, version)
      .then((text) => current && setOpened({ text, revision: Date.now(), origin: `第 ${version} 版` }))
      .catch((e: unknown) => current && setLoadError(loadErrorText(e instanceof Error ? e : new Error(String(e)))));
    return () => {
      current = false;
    };
  }, [kind, key, version, handedBack?.content]);

  const openLocal = (text: string, name: string) => setOpened({ text, revision: Date.now(), origin: `本地文件 ${name}` });
  return { opened, loadError, openLocal };
}
