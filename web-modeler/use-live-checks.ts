// Live checks: the server's own (the linter the tests and deployments use) run on the editor's file a moment after
// the last edit, once when a file is opened, and again shortly when a check could not be done.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError } from '../web/src/lib/api.ts';
import type { EditorHandle } from './editor-contract.ts';
import { checkFiles, type Finding } from './modeler-api.ts';

/** How long the page waits before checking again after a check could not be done. */
const CHECK_RETRY_MS = 15_000;
/** How long the page waits after the last edit before checking the file again. */
const CHECK_DELAY_MS = 600;

export function useLiveChecks(editor: RefObject<EditorHandle | null>, fileName: string, openedRevision: number | undefined) {
  const [findings, setFindings] = useState<Finding[]>([]);
  const [checking, setChecking] = useState(false);
  // Set when the last check could not be done (too many checks, a time limit, a lost connection): the panel then
  // says so instead of "检查通过", and the file is checked again shortly.
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const timer = useRef<number | undefined>(undefined);
  const ofThisFile = useCallback((found: Finding[]) => found.filter((f) => f.file === fileName || f.file === ''), [fileName]);

  const runChecks = useCallback(async () => {
    if (!editor.current) return;
    setChecking(true);
    try {
      const file = await editor.current.current();
      const { findings: found } = await checkFiles([file]);
      setFindings(ofThisFile(found));
      setProblem(undefined);
    } catch (error) {
      // A file that cannot even be saved, a refusal or a lost connection: told, and tried again a little later.
      const detail = error instanceof ApiError ? (error.status === 429 ? '检查过于频繁' : error.title) : '无法连接服务器';
      setProblem(`暂时无法检查：${detail}，稍后自动重新检查`);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void runChecks(), CHECK_RETRY_MS);
    } finally {
      setChecking(false);
    }
  }, [ofThisFile]);

  /** Checks again a moment after the last of a run of edits. */
  const checkSoon = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void runChecks(), CHECK_DELAY_MS);
  }, [runChecks]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // The first check once the editor has the file.
  useEffect(() => {
    if (openedRevision === undefined) return;
    setFindings([]);
    const t = window.setTimeout(() => void runChecks(), 300);
    return () => window.clearTimeout(t);
  }, [openedRevision, runChecks]);

  /** Findings the deployment's refusal named, shown as a check's would be. */
  const showRefusal = (found: Finding[]) => setFindings(ofThisFile(found));

  return { findings, checking, problem, checkSoon, showRefusal };
}
