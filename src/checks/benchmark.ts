/**
 * Throughput of scoring + checks, for bench/ scripts and the UI's diagnostics page. Uses only
 * the global `performance` clock, so it runs in Node and in the browser. Not used by tests.
 */
import type { Form } from '../model/form.js';
import { profiles, type Profile } from '../scoring/profile.js';
import { runChecks } from './run-checks.js';

export interface BenchmarkResult {
  forms: number;
  findings: number;
  ms: number;
  formsPerSecond: number;
}

/** Run runChecks (which scores each form) over `forms` repeatedly for about `durationMs`. */
export function benchmarkChecks(
  forms: readonly Form[],
  { durationMs = 1000, profile = profiles.national }: { durationMs?: number; profile?: Profile } = {},
): BenchmarkResult {
  let n = 0;
  let findings = 0;
  if (forms.length === 0) return { forms: 0, findings: 0, ms: 0, formsPerSecond: 0 };
  // warm-up so the JIT has compiled the hot paths
  for (const f of forms) runChecks(f, { profile });
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < durationMs) {
    for (const f of forms) {
      findings += runChecks(f, { profile }).length;
      n++;
    }
    t = performance.now();
  }
  const ms = t - t0;
  return { forms: n, findings, ms, formsPerSecond: Math.round((n / ms) * 1000) };
}
