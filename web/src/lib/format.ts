/** Display helpers: amounts with separators, scores with up to 2 decimals, differences with a sign. */
const r2 = (n: number) => Math.round(n * 100) / 100;

export const fmtNum = (n: number | null | undefined): string => (n == null || !Number.isFinite(n) ? '—' : String(r2(n)));

export function fmtAmount(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—';
  return r2(n).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

export const fmtPct = (n: number | null | undefined): string => (n == null || !Number.isFinite(n) ? '—' : `${r2(n)}%`);

/** "+1.5" / "−2" / "0"; null when either side is missing. */
export function fmtDiff(printed: number | null | undefined, recomputed: number | null | undefined): string | null {
  if (printed == null || recomputed == null) return null;
  const d = r2(printed - recomputed);
  if (d === 0) return '0';
  return d > 0 ? `+${d}` : `−${Math.abs(d)}`;
}

/** Parse what a person types into a number cell: "843,800", "99.76%", " 10 " → number; "" → null; junk → undefined. */
export function parseNumber(text: string): number | null | undefined {
  const s = text.replace(/[,，\s元%％]/g, '').replace(/^＋/, '+').replace(/^－/, '-');
  if (s === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export const fmtTime = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');
