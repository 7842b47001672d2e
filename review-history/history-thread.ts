// The thread that reads uploaded history workbooks (history-import-job.ts starts it through the off-thread runner):
// 100 000 unit-years are parsed and checked here, never on the API's thread.
import { serveOffThread } from '../platform/off-thread.ts';
import { checkHistoryWorkbook, type HistoryCheckOptions } from './history-check.ts';

export interface HistoryReadJob {
  bytes: Uint8Array;
  options: HistoryCheckOptions;
}

serveOffThread(({ bytes, options }: HistoryReadJob) => checkHistoryWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options));
