/**
 * Test helpers for the xlsx and PDF formats: the gold forms, a field-by-field diff, and LibreOffice
 * conversions. Tests only (uses node: I/O).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toInterchange, type Form } from '../model/form.js';

const GOLD = join(process.cwd(), 'test/fixtures/gold');

export function goldForms(): Form[] {
  return readdirSync(GOLD)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(GOLD, f), 'utf8')) as Form[]);
}

/** Differences between the interchange fields of two forms, as "path: got … want …" lines. */
export function diffForms(got: Form | undefined, want: Form): string[] {
  const walk = (a: unknown, b: unknown, path: string): string[] => {
    if (a === b) return [];
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      return [...keys].flatMap((k) => walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
    }
    return [`${path}: got ${JSON.stringify(a)} want ${JSON.stringify(b)}`];
  };
  return walk(got ? toInterchange(got) : undefined, toInterchange(want), '');
}

/** Every mismatch over a list of forms (empty when all read back exactly). */
export function diffAll(got: Form[], want: Form[]): string[] {
  const out: string[] = [];
  if (got.length !== want.length) out.push(`count: got ${got.length} want ${want.length}`);
  want.forEach((w, i) => {
    const d = diffForms(got[i], w);
    if (d.length) out.push(`form ${i}: ${d.slice(0, 3).join(' | ')}`);
  });
  return out;
}

let soffice: boolean | null = null;
export function hasSoffice(): boolean {
  if (soffice === null) soffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
  return soffice;
}

/** LibreOffice tests run when soffice is installed; on CI they must run (and fail if it is missing). */
export const skipWithoutSoffice = !hasSoffice() && !process.env.CI;

/**
 * Converts a file with headless LibreOffice. `filter` is the --convert-to argument ("pdf", or a csv
 * filter string); returns every output file (a CSV export of all sheets gives one per sheet).
 */
export function sofficeConvert(bytes: Uint8Array, name: string, filter: string, outExt: string): { name: string; bytes: Uint8Array }[] {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-lo-'));
  try {
    writeFileSync(join(dir, name), bytes);
    // a private profile dir: parallel test workers must not share LibreOffice's user profile lock
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', join(dir, 'out'), join(dir, name)], {
      stdio: 'pipe',
      timeout: 600_000,
    });
    return readdirSync(join(dir, 'out'))
      .filter((f) => f.endsWith('.' + outExt))
      .sort()
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, 'out', f))) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
