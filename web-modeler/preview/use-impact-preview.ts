// The preview's state: the candidate decision files, the selection of filings, and running the preview. Changing the
// files clears the last result, since it no longer answers for them.
import { useState } from 'react';
import { useLoaded } from '../../web/src/lib/use-loaded.ts';
import { ApiError, listDefinitions, previewImpact, sourceOf, type ImpactPreview, type ModelFile } from '../modeler-api.ts';
import { ZHEJIANG } from './region-choice.ts';

export interface CandidateFile extends ModelFile {
  /** Where the file came from, for the person choosing: 编辑器中的修改, 本地文件, 已部署第 n 版. */
  origin: string;
}

/** The origin of files the editor handed over. */
export const FROM_EDITOR = '编辑器中的修改';

export function useImpactPreview(handedOver: ModelFile[]) {
  const [files, setFiles] = useState<CandidateFile[]>(() => handedOver.map((f) => ({ ...f, origin: FROM_EDITOR })));
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [region, setRegion] = useState<string>(ZHEJIANG);
  const [limit, setLimit] = useState<number | null>(null);
  const [running, setRunning] = useState(false);
  const [preview, setPreview] = useState<ImpactPreview>();
  const [error, setError] = useState<ApiError | Error>();
  const deployed = useLoaded(() => listDefinitions('decision'), []);

  const addFile = (file: CandidateFile) => {
    setFiles((list) => [...list.filter((f) => f.name !== file.name), file]);
    setPreview(undefined);
    setError(undefined);
  };

  const removeFile = (file: CandidateFile) => setFiles((list) => list.filter((f) => f !== file));

  const addDeployed = async (key: string) => {
    const definition = deployed.data?.find((d) => d.key === key);
    if (!definition) return;
    try {
      const content = await sourceOf('decision', key, definition.latestVersion);
      addFile({ name: definition.resource, content, origin: `已部署第 ${definition.latestVersion} 版` });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const run = async () => {
    setRunning(true);
    setError(undefined);
    setPreview(undefined);
    try {
      const selection = { year, ...(region !== ZHEJIANG ? { regionCode: region } : {}), ...(limit ? { limit } : {}) };
      setPreview(await previewImpact(files.map(({ name, content }) => ({ name, content })), selection));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setRunning(false);
    }
  };

  return { files, addFile, removeFile, addDeployed, deployed, year, setYear, region, setRegion, limit, setLimit, running, run, preview, error };
}

export type ImpactPreviewState = ReturnType<typeof useImpactPreview>;
