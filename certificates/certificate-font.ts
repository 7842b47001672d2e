// The font certification confirmations are printed in. PDF's standard fonts have no Chinese glyphs: without a CJK
// font every character would print as an empty box, so no confirmation is made until one is found.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

export class CertificateFontMissing extends Error {
  override name = 'CertificateFontMissing';
}

/** A font file, and which member to use when it is a collection (.ttc). */
export interface CertificateFont {
  path: string;
  /** The member's PostScript name; absent for a single-font file. */
  family?: string;
  /** The characters of a text this font cannot print (a rare character in a unit's name, say). */
  missing(text: string): string[];
}

export interface FontCandidate {
  path: string;
  /** The Debian package that installs it, for the message when none is found. */
  debianPackage: string;
}

/** Where Debian's CJK font packages put their files, smallest package first. */
export const DEBIAN_CJK_FONTS: readonly FontCandidate[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', debianPackage: 'fonts-wqy-microhei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', debianPackage: 'fonts-wqy-zenhei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', debianPackage: 'fonts-noto-cjk' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', debianPackage: 'fonts-noto-cjk' },
];

// What the confirmation's fixed wording needs at least: if these print, the font is a Chinese one.
const SAMPLE = '残疾人按比例就业年审认证确认书验证码应安排人数';

// The part of fontkit (the font engine pdfkit embeds fonts with) used here.
interface Font {
  postscriptName: string;
  hasGlyphForCodePoint(codePoint: number): boolean;
}
interface FontCollection {
  fonts: Font[];
}
interface Fontkit {
  openSync(path: string, postscriptName?: string): Font | FontCollection;
}

// fontkit as pdfkit itself loads it: the same version that will embed the font.
const fontkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as Fontkit;

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The characters of `text` the font has no glyph for (each once). */
export function missingGlyphs(font: Pick<Font, 'hasGlyphForCodePoint'>, text: string): string[] {
  return [...new Set(text)].filter((c) => !/\s/u.test(c) && !font.hasGlyphForCodePoint(c.codePointAt(0) as number));
}

/** Opens a font file; for a collection, its simplified-Chinese member if it names one, else its first. */
export function openFont(path: string): { font: Font; family?: string } {
  let opened: Font | FontCollection;
  try {
    opened = fontkit.openSync(path);
  } catch (error) {
    throw new CertificateFontMissing(`${path} is not a font file fontkit can read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!('fonts' in opened)) return { font: opened };
  const members = opened.fonts;
  const font = members.find((f) => /CJKsc|SC-|SC$/.test(f.postscriptName)) ?? members[0];
  if (!font) throw new CertificateFontMissing(`${path} is an empty font collection`);
  return { font, family: font.postscriptName };
}

function checked(path: string): CertificateFont {
  const { font, family } = openFont(path);
  const lacking = missingGlyphs(font, SAMPLE);
  if (lacking.length > 0) throw new CertificateFontMissing(`${path} has no Chinese glyphs (none for ${lacking.slice(0, 5).join('')}…)`);
  const missing = (text: string) => missingGlyphs(font, text);
  return family === undefined ? { path, missing } : { path, family, missing };
}

const INSTALL_HINT = 'install the Debian package fonts-wqy-microhei (apt-get install fonts-wqy-microhei), or set CERTIFICATE_FONT to a .ttf, .ttc or .otf file with Chinese glyphs';

/**
 * The font to print with: CERTIFICATE_FONT when set (it must exist and have Chinese glyphs), else the first of the
 * Debian CJK fonts installed. Throws CertificateFontMissing, saying what to install, when there is none.
 */
export function findCertificateFont(configured: string, candidates: readonly FontCandidate[] = DEBIAN_CJK_FONTS): CertificateFont {
  if (configured !== '') {
    if (!readable(configured)) throw new CertificateFontMissing(`CERTIFICATE_FONT ${configured}: no such readable file`);
    try {
      return checked(configured);
    } catch (error) {
      throw new CertificateFontMissing(`CERTIFICATE_FONT ${(error as Error).message}`);
    }
  }
  const problems: string[] = [];
  for (const candidate of candidates.filter((c) => readable(c.path))) {
    try {
      return checked(candidate.path);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const looked = problems.length > 0 ? problems.join('; ') : `none of ${candidates.map((c) => c.path).join(', ')} is installed`;
  throw new CertificateFontMissing(`no font with Chinese glyphs for certification confirmations (${looked}): ${INSTALL_HINT}`);
}
