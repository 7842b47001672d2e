// The thread that reads uploaded employee lists (import-routes.ts starts it through the off-thread runner): the
// spreadsheet's parsing and the rows' checks, whose cost grows with the file, never run on the API's thread.
// First: exceljs must find the streaming decoder in place when it loads.
import { resetExcelDecoder } from './exceljs-utf8.ts';
import { serveOffThread } from '../platform/off-thread.ts';
import { importEmployees, type ImportOptions } from './employee-import.ts';

export interface ImportJob {
  /** The uploaded file (copied to the thread). */
  bytes: Uint8Array;
  options: ImportOptions;
}

serveOffThread(({ bytes, options }: ImportJob) => {
  resetExcelDecoder();
  return importEmployees(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
});
