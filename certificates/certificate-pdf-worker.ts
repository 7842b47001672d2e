// The thread that prints certification confirmations (certificate-routes.ts starts it through the off-thread
// runner): laying out the page and subsetting a CJK font of several MB is CPU work that would otherwise hold up
// every other request for its duration. The font is looked up on the thread's first job and kept; a failed
// look-up is tried again on the next one (after the install).
import { serveOffThread } from '../platform/off-thread.ts';
import { CertificateFontMissing, findCertificateFont, type CertificateFont } from './certificate-font.ts';
import { renderCertificatePdf, type CertificatePdfInput } from './certificate-pdf.ts';

export interface PdfJob {
  input: Omit<CertificatePdfInput, 'font'>;
  /** CERTIFICATE_FONT. */
  fontPath: string;
}

export type PdfReply = { pdf: Uint8Array } | { fontMissing: string };

let font: CertificateFont | undefined;

serveOffThread(async ({ input, fontPath }: PdfJob): Promise<PdfReply> => {
  try {
    font ??= findCertificateFont(fontPath);
    return { pdf: await renderCertificatePdf({ ...input, font }) };
  } catch (error) {
    if (error instanceof CertificateFontMissing) return { fontMissing: error.message };
    throw error;
  }
});
