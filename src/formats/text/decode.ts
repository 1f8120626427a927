import type { Diagnostic } from '../../model/diagnostic.js';

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * Picks the encoding of an export from its first bytes: a BOM, else UTF-8 if the sample is
 * valid UTF-8, else GB18030 (what Chinese Windows tools write).
 */
export function sniffEncoding(head: Uint8Array): Encoding {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // A multi-byte sequence cut at the end of the sample is not evidence against UTF-8.
  let end = head.length;
  for (let k = 0; k < 3 && end > 0 && (head[end - 1] & 0xc0) === 0x80; k++) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Share of bytes that no text export contains (NUL and C0 controls other than tab/CR/LF). */
export function binaryShare(head: Uint8Array): number {
  if (head.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) bad++;
  }
  return bad / head.length;
}

export function encodingDiagnostics(head: Uint8Array, encoding: Encoding): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (encoding === 'gb18030')
    out.push({ code: 'encoding-gb18030', level: 'info', message: '文件不是 UTF-8，按 GB18030 解码' });
  if (encoding === 'utf-16le' || encoding === 'utf-16be')
    out.push({ code: 'encoding-utf16', level: 'info', message: `按 ${encoding.toUpperCase()} 解码` });
  else if (binaryShare(head) > 0.02)
    out.push({ code: 'binary-input', level: 'error', message: '文件含大量二进制字节，不像文本导出' });
  return out;
}

/** Decodes a whole buffer (or passes a string through) with the sniffed encoding. */
export function decodeText(input: string | Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  if (typeof input === 'string') return { text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, diagnostics: [] };
  const head = input.subarray(0, 65536);
  const encoding = sniffEncoding(head);
  const text = new TextDecoder(encoding).decode(input); // strips a BOM, replaces bad bytes with U+FFFD
  return { text, diagnostics: encodingDiagnostics(head, encoding) };
}
