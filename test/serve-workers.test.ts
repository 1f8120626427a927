/**
 * `jixiao serve --workers 2`: two processes share the port and one SQLite file. Concurrent writes
 * through both processes either land or get 409, never a 500 from a lock, and nothing is lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
let dir: string;
let child: ChildProcess;
let url: string;
let headers: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-workers-'));
  child = spawn(process.execPath, [join(root, 'bin/jixiao.mjs'), 'serve', '--db', join(dir, 'db.sqlite'), '--port', '0', '--workers', '2', '--sample'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) res(m[1]);
    });
    child.once('exit', (c) => rej(new Error(`serve exited ${c}: ${out}`)));
  });
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin123' }) });
  expect(login.status).toBe(200);
  const { csrfToken } = await login.json();
  headers = { cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode == null) {
    const exited = new Promise((res) => child.once('exit', res));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const get = async (id: string) => (await fetch(`${url}/api/forms/${id}`, { headers })).json();
/** Drafts (the sample forms are under review, so not editable), copies of sample forms. */
async function drafts(n: number) {
  const { items } = await (await fetch(`${url}/api/forms?pageSize=${n}&sort=projectName`, { headers })).json();
  const out = [];
  for (const i of items) {
    const r = await fetch(`${url}/api/forms`, { method: 'POST', headers, body: JSON.stringify({ form: (await get(i.id)).form, orgId: i.orgId }) });
    expect(r.status).toBe(201);
    out.push(await r.json());
  }
  return out;
}
const put = (id: string, version: number, form: unknown) => fetch(`${url}/api/forms/${id}`, { method: 'PUT', headers, body: JSON.stringify({ version, form }) });

describe('serve --workers 2 on one SQLite file', () => {
  it('answers from both processes', async () => {
    const workers = new Set<number>();
    // a keep-alive connection sticks to one worker: new connections are spread between them. The address
    // is announced once the first worker listens; the second may still be starting, so allow it a few seconds.
    for (let i = 0; i < 200 && workers.size < 2; i++) {
      workers.add((await (await fetch(`${url}/api/health`, { headers: { connection: 'close' } })).json()).worker);
      if (i >= 40) await new Promise((r) => setTimeout(r, 25));
    }
    expect([...workers].sort()).toEqual([1, 2]);
  });

  it('lets exactly one of 30 concurrent saves of the same version land; the rest get 409', async () => {
    const [d] = await drafts(1);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => put(d.id, d.version, { ...d.form, goals: { ...d.form.goals, actual: `并发写入 ${i}` } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(29);
    const after = await get(d.id);
    expect(after.version).toBe(d.version + 1);
    expect(after.form.goals.actual).toMatch(/^并发写入 \d+$/);
  });

  it('lands concurrent saves of different forms through both processes without lock errors', async () => {
    const details = await drafts(30);
    const statuses = await Promise.all(
      details.map((d) => fetch(`${url}/api/forms/${d.id}`, { method: 'PUT', headers: { ...headers, connection: 'close' }, body: JSON.stringify({ version: d.version, form: { ...d.form, projectName: `${d.form.projectName}（改）` } }) }).then((r) => r.status)),
    );
    expect(statuses).toEqual(details.map(() => 200));
    for (const d of details) expect((await get(d.id)).form.projectName).toBe(`${d.form.projectName}（改）`);
  });
});
