// Opening a document for preview or download: fetched only when asked (every read is audited), held as an object URL
// so the token never goes into a link; the preview's URL lives as long as the preview.
import { useEffect, useState } from 'react';
import { ApiError, download } from '../../lib/api.ts';
import type { StoredDocument } from '../../lib/filing-types.ts';
import { saveFile } from './save-file.ts';

export interface DocumentPreviewFile {
  doc: StoredDocument;
  url: string;
  type: string;
}

export function useDocumentPreview() {
  const [preview, setPreview] = useState<DocumentPreviewFile>();
  const [opening, setOpening] = useState<string>();
  const [openError, setOpenError] = useState<string>();

  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview.url);
  }, [preview]);

  async function open(doc: StoredDocument) {
    setOpening(doc.id);
    setOpenError(undefined);
    try {
      const file = await download(doc.href);
      setPreview({ doc, ...file, type: file.type || doc.mediaType });
    } catch (e) {
      setOpenError(e instanceof ApiError ? e.title : '无法打开该材料，请稍后再试');
    } finally {
      setOpening(undefined);
    }
  }

  async function save(doc: StoredDocument) {
    try {
      await saveFile(doc.href, doc.originalName);
    } catch (e) {
      setOpenError(e instanceof ApiError ? e.title : '无法下载该材料，请稍后再试');
    }
  }

  return { preview, opening, openError, open, save, close: () => setPreview(undefined), clearError: () => setOpenError(undefined) };
}
