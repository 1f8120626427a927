/** Expands FILE|DIR arguments into files, in argument order (directories sorted, recursive). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const KNOWN = /\.(txt|tsv|csv|json|jsonl|ndjson|xlsx|pdf)$/i;

export interface InputFile { path: string; size: number }
export interface InputError { path: string; message: string }

export function expandInputs(args: string[]): { files: InputFile[]; errors: InputError[] } {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  const walk = (p: string, top: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      errors.push({ path: p, message: describeFsError(e) });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch (e) {
        errors.push({ path: p, message: describeFsError(e) });
        return;
      }
      for (const n of names) {
        const child = join(p, n);
        let cst;
        try { cst = statSync(child); } catch { continue; }
        if (cst.isDirectory()) walk(child, false);
        else if (KNOWN.test(n)) files.push({ path: child, size: cst.size });
      }
    } else if (st.isFile() || top) files.push({ path: p, size: st.size });
  };
  for (const a of args) walk(a, true);
  return { files, errors };
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件不存在 (no such file or directory)';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限 (permission denied)';
  if (code === 'EISDIR') return '是目录 (is a directory)';
  return `${(e as Error)?.message ?? String(e)}`;
}
