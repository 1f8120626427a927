/** A GB18030 (GBK range) encoder for tests, built by inverting Node's decoder: Node has none. */
let table: Map<number, number[]> | null = null;

function build(): Map<number, number[]> {
  const m = new Map<number, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const s = dec.decode(new Uint8Array([a, b]));
      if (s.length === 1 && s !== '\ufffd' && !m.has(s.charCodeAt(0))) m.set(s.charCodeAt(0), [a, b]);
    }
  return m;
}

export function encodeGb18030(s: string): Uint8Array {
  table ??= build();
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else out.push(...(table.get(c) ?? [0x3f]));
  }
  return new Uint8Array(out);
}
