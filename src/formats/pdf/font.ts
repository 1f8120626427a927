/**
 * Finds a CJK font for the PDF export. pdfmake embeds a subset, so any installed CJK font works;
 * the Debian fonts-noto-cjk TTC is preferred (traps 6, 15 in stack-notes.md).
 */

export interface CjkFont {
  regular: Uint8Array;
  /** PostScript name inside a .ttc collection. */
  regularName?: string;
  bold?: Uint8Array;
  boldName?: string;
  /** Where it came from, for messages. */
  source: string;
}

interface Candidate {
  regular: string;
  regularName?: string;
  bold?: string;
  boldName?: string;
}

export const CJK_FONT_CANDIDATES: Candidate[] = [
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    regularName: 'NotoSansCJKsc-Regular',
    bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    boldName: 'NotoSansCJKsc-Bold',
  },
  { regular: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', regularName: 'NotoSerifCJKsc-Regular' },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', regularName: 'WenQuanYiMicroHei' },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', regularName: 'WenQuanYiZenHei' },
  { regular: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
  { regular: '/usr/share/fonts/truetype/arphic/uming.ttc', regularName: 'ARPLUMingCN-Light' },
  { regular: 'node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf', bold: 'node_modules/@embedpdf/fonts-sc/fonts/NotoSansHans-Bold.otf' },
];

export class MissingCjkFontError extends Error {
  constructor(tried: string[]) {
    super(
      `找不到中文字体，无法生成 PDF。请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）或设置 JIXIAO_CJK_FONT=字体文件路径 / ` +
        `no CJK font found for the PDF export; install fonts-noto-cjk or set JIXIAO_CJK_FONT. Tried: ${tried.join(', ')}`,
    );
    this.name = 'MissingCjkFontError';
  }
}

let cached: CjkFont | null = null;

/** Loads the first installed CJK font (JIXIAO_CJK_FONT first); Node only. Cached per process. */
export async function loadSystemCjkFont(): Promise<CjkFont> {
  if (cached) return cached;
  const fs = await import('node:fs');
  const env = process.env.JIXIAO_CJK_FONT;
  const list: Candidate[] = env ? [{ regular: env, regularName: process.env.JIXIAO_CJK_FONT_NAME }, ...CJK_FONT_CANDIDATES] : CJK_FONT_CANDIDATES;
  for (const c of list) {
    if (!fs.existsSync(c.regular)) continue;
    const bold = c.bold && fs.existsSync(c.bold) ? c.bold : undefined;
    cached = {
      regular: new Uint8Array(fs.readFileSync(c.regular)),
      regularName: c.regularName,
      bold: bold ? new Uint8Array(fs.readFileSync(bold)) : undefined,
      boldName: bold ? c.boldName : undefined,
      source: c.regular,
    };
    return cached;
  }
  throw new MissingCjkFontError(list.map((c) => c.regular));
}
