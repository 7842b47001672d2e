// A filing's list of documents, loaded from the API and reloaded after an upload.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import type { StoredDocument } from '../../lib/filing-types.ts';

export function useDocuments(filingId: string) {
  const [items, setItems] = useState<StoredDocument[]>();
  const [loadError, setLoadError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const { items: docs } = await api<{ items: StoredDocument[] }>('GET', `/api/filings/${filingId}/documents`);
      setItems(docs);
      setLoadError(undefined);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.title : '无法读取材料列表，请稍后再试');
    }
  }, [filingId]);

  useEffect(() => {
    void load();
  }, [load]);

  return { items, loadError, reload: load };
}
