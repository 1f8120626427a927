import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dialects, openTestStore } from './testing.js';
import { afterBulkWrite, type Store } from './db.js';
import { SYSTEM } from './audit-repo.js';
import { commitStream } from './imports-repo.js';
import { listForms } from './queries.js';
import { saveForm } from './forms-repo.js';
import { derive } from './derive.js';
import { AUTOMERGE, cleanSearchPending, MERGE_SEGMENTS, setAutomerge, MERGE_TOMBSTONE_SHARE, mergeSearchStep, needsMerge, parseSearchShape, searchShape, startSearchUpkeep } from './search-upkeep.js';
import { makeForm } from '../model/testing.js';
import type { Form } from '../model/form.js';

describe('FTS5 structure record', () => {
  it('reads segments, entries and tombstones of a version 2 record, and refuses a truncated one', () => {
    // cookie, V2 marker, 1 level, 2 segments, write counter 3; level 0: merging 0, 2 segments:
    // (id 1, leaves 1–1, origins 1–2, 1 tombstone page, 1 tombstone, 2 entries), (id 2, 1–1, 3–3, 0, 0, 1)
    const rec = [0, 0, 0, 0, 0xff, 0, 0, 1, 1, 2, 3, 0, 2, 1, 1, 1, 1, 2, 1, 1, 2, 2, 1, 1, 3, 3, 0, 0, 1];
    expect(parseSearchShape(new Uint8Array(rec))).toEqual({ segments: 2, merging: 0, entries: 3, tombstones: 1 });
    // a two-byte varint: 0x81 0x00 = 128 entries
    const big = [...rec.slice(0, -1), 0x81, 0x00];
    expect(parseSearchShape(new Uint8Array(big))).toEqual({ segments: 2, merging: 0, entries: 130, tombstones: 1 });
    expect(parseSearchShape(new Uint8Array(rec.slice(0, 20)))).toBeNull();
  });
});

describe('search index upkeep on SQLite', () => {
  let store: Store;
  afterEach(async () => store?.close());

  async function editedStore(): Promise<string[]> {
    store = await openTestStore('sqlite');
    const forms = Array.from({ length: 60 }, (_, i) => makeForm({ projectName: `第${i}号水利项目`, goals: { expected: `修建第${i}段堤防`, actual: null } }));
    const { created } = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms.map((form, index) => ({ source: 's', index, form })), { batchSize: 20 });
    await edit(created, 0);
    return created;
  }
  // each save re-indexes its form in a transaction of its own: a segment and a tombstone each
  async function edit(created: string[], from: number, rounds = 5) {
    for (let round = from; round < from + rounds; round++)
      for (const id of created.slice(0, 20)) {
        const row = await store.db.selectFrom('forms').select(['data', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
        const f = JSON.parse(row.data) as Form;
        f.goals.actual = `第${round}轮完成${f.projectName}`;
        await store.db.transaction().execute((trx) => saveForm(trx, SYSTEM, id, row.version, f, derive(f)));
      }
  }
  const found = async (q: string) => (await listForms(store.db, null, { q, pageSize: 200 })).items.map((i) => i.id).sort();
  const automerge = () => store.sqlite!.prepare(`select v from form_search_config where k = 'automerge'`).pluck().get();

  it('leaves an unfinished merge to the upkeep: saves in between do not carry it on', async () => {
    // an index of many pages (varied text in 2,000 forms), so that a merge takes many steps
    store = await openTestStore('sqlite');
    const text = (i: number) => Array.from({ length: 120 }, (_, k) => String.fromCharCode(0x4e00 + ((i * 131 + k * 17) % 5000))).join('');
    const forms = Array.from({ length: 2000 }, (_, i) => makeForm({ projectName: `第${i}号水利项目`, goals: { expected: text(i), actual: null } }));
    const { created } = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms.map((form, index) => ({ source: 's', index, form })), { batchSize: 500 });
    await edit(created, 0, 1);
    expect(await mergeSearchStep(store.db, 1)).toBe(true);
    expect((await searchShape(store.db))!.merging).toBeGreaterThan(0);
    // 100 saves write more than 64 leaves: with FTS5's default automerge they would go on with the merge (and finish it, here)
    await edit(created, 1);
    const during = (await searchShape(store.db))!;
    expect(during.merging).toBeGreaterThan(0);
    expect(needsMerge(during)).toBe(true);
    expect(await found('第5轮')).toHaveLength(20);
    let steps = 0;
    while (await mergeSearchStep(store.db, 50)) steps++;
    expect(steps).toBeGreaterThan(1);
    expect(await searchShape(store.db)).toMatchObject({ segments: 1, merging: 0, tombstones: 0 });
    expect(automerge()).toBe(AUTOMERGE);
    expect(await found('第5轮')).toHaveLength(20);
  });

  it('saves write segments and never merge them (FTS5 only folds a level once it holds 16)', async () => {
    const segmentsAfterSaves = async (automergeSetting?: number) => {
      store = await openTestStore('sqlite');
      if (automergeSetting !== undefined) await setAutomerge(store.db, automergeSetting);
      const forms = Array.from({ length: 20 }, (_, i) => ({ source: 's', index: i, form: makeForm({ projectName: `第${i}号项目` }) }));
      const { created } = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms);
      await afterBulkWrite(store);
      await edit(created, 0); // 100 saves: more than 64 leaves, when FTS5's automerge would do some work
      const { segments } = (await searchShape(store.db))!;
      expect(await found('第4轮')).toHaveLength(20);
      await store.close();
      return segments;
    };
    const asMigrated = await segmentsAfterSaves();
    const withFts5Default = await segmentsAfterSaves(4);
    expect(asMigrated).toBeGreaterThan(withFts5Default);
    store = await openTestStore('sqlite');
    expect(automerge()).toBe(0);
  });

  it('merges every segment into one and drops the tombstones, finding the same forms', async () => {
    const created = await editedStore();
    const before = (await searchShape(store.db))!;
    expect(before.segments).toBeGreaterThan(1);
    expect(before.tombstones).toBeGreaterThan(0);
    const queries = ['水利', '第4轮', '第1', '堤防 第3', '第12号'];
    const expected = await Promise.all(queries.map(found));
    expect(expected[1]).toHaveLength(20);
    let steps = 0;
    while (await mergeSearchStep(store.db, 2)) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(await searchShape(store.db)).toEqual({ segments: 1, merging: 0, entries: created.length, tombstones: 0 });
    expect(await Promise.all(queries.map(found))).toEqual(expected);
    // nothing left to do
    expect(await mergeSearchStep(store.db)).toBe(false);
  });

  it('is one segment after a bulk import (afterBulkWrite), so later saves do not merge the import piece by piece', async () => {
    store = await openTestStore('sqlite');
    const forms = Array.from({ length: 50 }, (_, i) => ({ source: 's', index: i, form: makeForm({ projectName: `第${i}号项目` }) }));
    for (let i = 0; i < 50; i += 5) await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms.slice(i, i + 5));
    expect((await searchShape(store.db))!.segments).toBeGreaterThan(1);
    await afterBulkWrite(store);
    expect(await searchShape(store.db)).toEqual({ segments: 1, merging: 0, entries: 50, tombstones: 0 });
    expect(automerge()).toBe(AUTOMERGE);
    expect(await found('第12号')).toHaveLength(1);
  });

  it('leaves a compact index alone', async () => {
    store = await openTestStore('sqlite');
    await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, [{ source: 's', index: 0, form: makeForm({ projectName: '水利项目' }) }]);
    const shape = (await searchShape(store.db))!;
    expect(needsMerge(shape)).toBe(false);
    expect(needsMerge({ ...shape, tombstones: Math.ceil(shape.entries * MERGE_TOMBSTONE_SHARE) })).toBe(true);
    expect(needsMerge({ ...shape, segments: MERGE_SEGMENTS + 1 })).toBe(true);
  });

  it('merges in the background only while the server is idle, and resumes when it is idle again', async () => {
    await editedStore();
    expect(needsMerge((await searchShape(store.db))!)).toBe(true);
    let idle = false;
    let steps = 0;
    const upkeep = startSearchUpkeep(store, { idle: () => { if (idle) steps++; return idle; }, everyMs: 5, pauseMs: 1, pages: 4 });
    const settle = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 400 && !(await done()); i++) await new Promise((r) => setTimeout(r, 5));
    };
    try {
      await new Promise((r) => setTimeout(r, 100));
      expect((await searchShape(store.db))!.segments).toBeGreaterThan(1); // busy: nothing merged
      idle = true;
      await settle(async () => (await searchShape(store.db))!.segments === 1);
      expect(await searchShape(store.db)).toMatchObject({ segments: 1, tombstones: 0 });
      // compact again (after the step that found nothing left): it looks, finds nothing to do and writes nothing
      const changes = store.sqlite!.prepare('select total_changes()').pluck();
      let before = steps;
      await settle(async () => steps > before + 3);
      const n = changes.get();
      before = steps;
      await settle(async () => steps > before + 5);
      expect(changes.get()).toBe(n);
    } finally {
      await upkeep.stop();
    }
  });
});

describe.runIf(dialects.includes('postgres'))('search index upkeep on PostgreSQL', () => {
  let store: Store;
  afterEach(async () => store?.close());

  it('empties the GIN pending list that saves fill, while requests keep coming, and search still finds the saved text', async () => {
    store = await openTestStore('postgres');
    const forms = Array.from({ length: 20 }, (_, i) => makeForm({ projectName: `第${i}号水利项目`, goals: { expected: `修建第${i}段堤防`, actual: null } }));
    const { created } = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms.map((form, index) => ({ source: 's', index, form })), { batchSize: 20 });
    const edit = async (word: string) => {
      for (const id of created) {
        const row = await store.db.selectFrom('forms').select(['data', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
        const f = JSON.parse(row.data) as Form;
        f.goals.actual = `${word}${f.projectName}`;
        await store.db.transaction().execute((trx) => saveForm(trx, SYSTEM, id, row.version, f, derive(f)));
      }
    };
    await edit('加固');
    // saves leave their entries in the pending list (the index's default), which nothing else empties here
    expect(await cleanSearchPending(store.db)).toBeGreaterThan(0);
    expect(await cleanSearchPending(store.db)).toBe(0);
    await edit('疏浚');
    const upkeep = startSearchUpkeep(store, { idle: () => false, everyMs: 20 });
    await new Promise((r) => setTimeout(r, 300));
    await upkeep.stop();
    expect(await cleanSearchPending(store.db)).toBe(0);
    const found = await listForms(store.db, null, { q: '疏浚', pageSize: 50 });
    expect(found.items.map((i) => i.id).sort()).toEqual([...created].sort());
    expect((await listForms(store.db, null, { q: '加固', pageSize: 50 })).total).toBe(0);
  });

  it('reports a clean that keeps failing once, not every second', async () => {
    store = await openTestStore('postgres');
    // without its index every clean fails the same way
    await sql`drop index form_search_vec`.execute(store.db);
    const errors: Error[] = [];
    const upkeep = startSearchUpkeep(store, { idle: () => false, everyMs: 20, onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 300));
    await upkeep.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/form_search_vec/);
  });
});
