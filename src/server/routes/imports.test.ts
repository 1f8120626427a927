import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dialects } from '../../store/testing.js';
import { commitImport } from '../../store/imports-repo.js';
import { SYSTEM } from '../../store/audit-repo.js';
import { formFor, makeHarness, type Harness } from '../testing.js';
import type { Store } from '../../store/db.js';

const SAMPLES = join(import.meta.dirname, '../../../samples');
const sampleFiles = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
const sample = (name: string) => ({ name, content: readFileSync(join(SAMPLES, name)).toString('base64'), encoding: 'base64' as const });

/** Every table's rows, for "exactly as before" comparisons. */
async function snapshot(store: Store) {
  const out: Record<string, unknown[]> = {};
  for (const t of ['orgs', 'users', 'forms', 'indicators', 'findings', 'scores', 'comments', 'audit_log', 'imports', 'spot_checks'] as const)
    out[t] = await store.db.selectFrom(t).selectAll().orderBy('id').execute();
  return out;
}

describe.each(dialects)('imports on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('previews the sample exports: parsed forms, diagnostics, findings, orgs to create, nothing stored', async () => {
    h = await makeHarness(dialect);
    const fin = await h.login('finance');
    const before = await snapshot(h.store);
    const p = await fin.json('POST', '/api/imports/preview', { files: sampleFiles.map(sample) });
    expect(p.counts.forms).toBeGreaterThan(4);
    expect(p.counts.create).toBe(p.counts.forms - p.counts.duplicate - p.counts.invalid);
    expect(p.forms[0]).toMatchObject({ action: 'create', form: expect.objectContaining({ year: expect.any(Number) }), department: { action: 'create' } });
    expect(p.forms[0].summary.rate).toEqual(expect.any(Number));
    expect(p.orgs.create.length).toBeGreaterThan(0);
    expect(await snapshot(h.store)).toEqual(before);
  });

  it('commits in one go; importing the same content again creates nothing', async () => {
    h = await makeHarness(dialect);
    const fin = await h.login('finance');
    const files = sampleFiles.map(sample);
    const preview = await fin.json('POST', '/api/imports/preview', { files });
    const r1 = await fin.json('POST', '/api/imports/commit', { files, status: 'published' }, 201);
    expect(r1.created.length).toBe(preview.counts.create);
    expect(r1.orgsCreated).toBe(preview.orgs.create.length);
    const after1 = await snapshot(h.store);
    const r2 = await fin.json('POST', '/api/imports/commit', { files, status: 'published' }, 201);
    expect(r2).toMatchObject({ importId: null, created: [], orgsCreated: 0 });
    expect(r2.duplicates).toBe(preview.counts.forms - preview.counts.invalid);
    expect(await snapshot(h.store)).toEqual(after1);
    const p2 = await fin.json('POST', '/api/imports/preview', { files });
    expect(p2.counts.create).toBe(0);
    expect(p2.forms.every((f: any) => f.action !== 'create')).toBe(true);
    // forms are matched into the tree by name: department → 主管部门, implementingUnit → 实施单位
    const one = await fin.json('GET', `/api/forms/${r1.created[0]}`);
    const unit = await fin.json('GET', `/api/orgs/${one.orgId}`);
    expect(unit.name).toBe(one.form.implementingUnit);
    expect((await fin.json('GET', `/api/orgs/${unit.parentId}`)).name).toBe(one.form.department);
    expect((await fin.json('GET', '/api/imports')).items.length).toBe(1);
  });

  it('imports interchange JSON and multipart uploads, and matches existing orgs by name', async () => {
    h = await makeHarness(dialect);
    const dept = await h.login('deptA');
    const forms = [formFor('unitA1', { projectName: 'JSON 项目一' }), formFor('unitA2', { projectName: 'JSON 项目二' }), formFor('unitB1')];
    const p = await dept.json('POST', '/api/imports/preview', { files: [{ name: 'x.json', content: JSON.stringify(forms) }] });
    expect(p.forms.map((f: any) => f.action)).toEqual(['create', 'create', 'forbidden']);
    expect(p.forms[0].unit).toEqual({ name: '测试区政务网管理中心', orgId: h.orgs.unitA1.id, action: 'match' });
    expect(p.orgs.create).toEqual([]);
    const fd = new FormData();
    fd.append('files', new File([JSON.stringify(forms.slice(0, 2))], 'forms.json', { type: 'application/json' }));
    fd.append('status', 'dept_review');
    const r = await dept.json('POST', '/api/imports/commit', fd, 201);
    expect(r.created.length).toBe(2);
    const f = await dept.json('GET', `/api/forms/${r.created[0]}`);
    expect(f.status).toBe('dept_review');
    // a unit may only import drafts of its own forms
    const filler = await h.login('fillerB1');
    expect((await filler.post('/api/imports/commit', { files: [{ name: 'b.json', content: JSON.stringify([formFor('unitB1')]) }], status: 'published' })).status).toBe(403);
    const rb = await filler.json('POST', '/api/imports/commit', { files: [{ name: 'b.json', content: JSON.stringify([formFor('unitB1'), formFor('unitA1', { projectName: '别人的' })]) }] }, 201);
    expect(rb).toMatchObject({ forbidden: 1 });
    expect(rb.created.length).toBe(1);
  });

  it('an import that throws midway leaves the store exactly as before', async () => {
    h = await makeHarness(dialect);
    const before = await snapshot(h.store);
    const sources = sampleFiles.map((name) => ({ name, content: new Uint8Array(readFileSync(join(SAMPLES, name))) }));
    let calls = 0;
    await expect(
      commitImport(h.store.db, { actor: SYSTEM, role: null, orgId: null }, sources, {
        status: 'published',
        batchSize: 1,
        onProgress: (done) => { calls = done; if (done === 3) throw new Error('killed midway'); },
      }),
    ).rejects.toThrow('killed midway');
    expect(calls).toBe(3);
    expect(await snapshot(h.store)).toEqual(before);
    // and the same import then goes through
    const ok = await commitImport(h.store.db, { actor: SYSTEM, role: null, orgId: null }, sources, { status: 'published' });
    expect(ok.created.length).toBeGreaterThan(3);
  });

  it('reports junk as invalid or diagnostics, and rejects empty or malformed requests', async () => {
    h = await makeHarness(dialect);
    const fin = await h.login('finance');
    const p = await fin.json('POST', '/api/imports/preview', { files: [{ name: 'bad.json', content: '[{"year": "x"}]' }, { name: 'junk.json', content: '{oops' }] });
    expect(p.forms).toEqual([expect.objectContaining({ action: 'invalid' })]);
    expect(p.sources[1].diagnostics[0].level).toBe('error');
    expect((await fin.post('/api/imports/preview', { files: [] })).status).toBe(422);
    expect((await fin.request('POST', '/api/imports/preview', '{"files": [', { 'content-type': 'application/json' })).status).toBe(400);
  });

  it('previews an uploaded xlsx workbook (base64) like a text export', async () => {
    h = await makeHarness(dialect);
    const fin = await h.login('finance');
    const { writeXlsx } = await import('../../formats/xlsx/write.js');
    const { parseText } = await import('../../formats/text/parse.js');
    const { readFileSync } = await import('node:fs');
    const forms = parseText(readFileSync(new URL('../../../samples/000_3e14c9280df4d171.txt', import.meta.url))).forms;
    const xlsx = await writeXlsx(forms);
    const p = await fin.json('POST', '/api/imports/preview', { files: [{ name: 'forms.xlsx', content: Buffer.from(xlsx).toString('base64'), encoding: 'base64' }] });
    expect(p.forms.map((f: any) => f.form.projectName)).toEqual(forms.map((f) => f.projectName));
    expect(p.forms.every((f: any) => f.action === 'create')).toBe(true);
  });

  it('refuses an upload over the import size limit with 413', async () => {
    h = await makeHarness(dialect, { maxImportBytes: 10_000 });
    const fin = await h.login('finance');
    const res = await fin.post('/api/imports/preview', { files: [{ name: 'big.txt', content: 'x'.repeat(20_000) }] });
    expect(res.status).toBe(413);
  });
});
