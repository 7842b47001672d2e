// exceljs's streaming reader decodes each chunk of an unzipped part on its own (lib/utils/parse-sax.js →
// browser-buffer-decode.js: `textDecoder.decode(chunk)`), so a Chinese character whose three UTF-8 bytes straddle two
// inflate chunks (16 KB) reads as "���": "残疾人证" came back "残疾人���" about once in 5 000 rows of a large sheet.
// Imported FIRST by a reading thread's entry (before anything loads exceljs, whose parse-sax takes the function when
// it loads), this puts a streaming decoder in its place: the bytes of a split character wait for the next chunk.
// Parts are read one after another on a thread and each ends on a whole character, so one decoder serves them all;
// `resetExcelDecoder` drops anything a read that stopped midway left behind.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const decoding = require('exceljs/lib/utils/browser-buffer-decode.js') as { bufferToString: (chunk: unknown) => string };

let decoder = new TextDecoder('utf-8');
decoding.bufferToString = (chunk) => (typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));

/** Before each workbook a thread reads: nothing of an earlier, abandoned read is carried into it. */
export function resetExcelDecoder(): void {
  decoder = new TextDecoder('utf-8');
}
