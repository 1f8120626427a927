/**
 * Decimal helpers. Numbers on the forms have at most a few decimals; comparing and rounding
 * them in scaled integers avoids binary-float drift (0.285 * 100 = 28.499999…).
 */

/** Round half up (away from zero for positives) to `dp` decimals, robust to float noise. */
export function roundHalfUp(x: number, dp = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** dp;
  const sign = x < 0 ? -1 : 1;
  // toPrecision(15) strips the representation error before scaling
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  return (sign * Math.floor(scaled + 0.5)) / f;
}

/** Round up (ceiling) to `dp` decimals, robust to float noise: the Shanghai printed 执行率. */
export function ceilTo(x: number, dp = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** dp;
  const scaled = Number((x * f).toPrecision(15));
  return Math.ceil(scaled) / f;
}

/** a ≈ b within tol, with float noise ignored. */
export function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol + 1e-9;
}

/** Integer fen (分) for a yuan amount: exact storage for money. */
export function toFen(yuan: number): number {
  return Math.round(Number((yuan * 100).toPrecision(15)));
}

export function fromFen(fen: number): number {
  return fen / 100;
}

/** Sum that keeps two-decimal inputs exact (scores like 9.7 + 4.4). */
export function sumExact(values: readonly (number | null | undefined)[], dp = 4): number {
  const f = 10 ** dp;
  let s = 0;
  for (const v of values) if (v != null && Number.isFinite(v)) s += Math.round(v * f);
  return s / f;
}
