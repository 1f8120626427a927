import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialects, openTestStore } from './testing.js';
import type { Store } from './db.js';
import { SYSTEM } from './audit-repo.js';
import { commitStream } from './imports-repo.js';
import { LIST_PLAN, listForms, likeEscape } from './queries.js';
import { deleteDraft, saveForm } from './forms-repo.js';
import { derive } from './derive.js';
import { queryTerms, rebuildSearch, searchPlan, searchTokens, SEARCH_FIELDS, type Fetch } from './search.js';
import { seededRandom } from './workflow.js';
import { makeForm } from '../model/testing.js';
import type { Form } from '../model/form.js';

describe('search tokens', () => {
  it('index each run of letters and digits as bigrams and its last character', () => {
    expect(searchTokens(['教育局', null, 'AB-1'])).toEqual(['教育', '育局', '局', 'ab', 'b', '1']);
    expect(searchTokens(['第123号，共 5 所'])).toEqual(['第1', '12', '23', '3号', '号', '共', '5', '所']);
  });
  it('turn a query into phrases of bigrams, single characters into prefixes, and ignore punctuation', () => {
    expect(queryTerms('教育局')).toEqual([{ phrase: ['教育', '育局'] }]);
    expect(queryTerms('教')).toEqual([{ prefix: '教' }]);
    expect(queryTerms('%_')).toEqual([]);
    expect(queryTerms('Ab 1')).toEqual([{ phrase: ['ab'] }, { prefix: '1' }]);
  });
});

// Texts built from a small alphabet so that short queries hit often and long ones sometimes.
const ALPHABET = [...'教育局水利医疗卫生建设项目资金第号年度', 'a', 'B', '1', '2', '0', '%', '_', '，', ' ', '（', '）', '\\'];
function text(rnd: () => number, max: number): string | null {
  if (rnd() < 0.1) return null;
  return Array.from({ length: 1 + Math.floor(rnd() * max) }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]).join('');
}
function corpus(n: number, seed: string): Form[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, (_, i) =>
    makeForm({ year: 2021 + (i % 2), projectName: text(rnd, 12), department: `部门${i % 3}`, implementingUnit: `部门${i % 3}单位${i % 4}`, goals: { expected: text(rnd, 40), actual: text(rnd, 40) } }),
  );
}

describe.each(dialects)('text search on %s', (dialect) => {
  let store: Store;
  afterEach(async () => store?.close());

  /** What a scan finds: forms containing every word of the query (case-insensitive substrings) in some searchable field. */
  async function scan(q: string, year?: number): Promise<string[]> {
    let query = store.db.selectFrom('forms').select('id');
    if (year != null) query = query.where('year', '=', year);
    for (const w of q.trim().toLowerCase().split(/\s+/)) {
      const pat = `%${likeEscape(w)}%`;
      query = query.where((eb) => eb.or(SEARCH_FIELDS.map((c) => sql<boolean>`lower(${sql.ref(c)}) like ${pat} escape '\\'`)));
    }
    return (await query.execute()).map((r) => r.id).sort();
  }
  /** The list's matches, the same by every plan: one pass (few forms), the page with its total in one statement, and probes. */
  async function search(q: string, year?: number): Promise<string[]> {
    const plans = [LIST_PLAN, { ...LIST_PLAN, onePassRows: -1 }, { ...LIST_PLAN, onePassRows: -1, probeRows: Infinity }];
    const [first, ...others] = await Promise.all(plans.map((plan) => listForms(store.db, null, { q, year, pageSize: 200 }, plan)));
    expect(first.total).toBe(first.items.length);
    for (const r of others) expect([q, r.total, r.items]).toEqual([q, first.total, first.items]);
    return first.items.map((i) => i.id).sort();
  }
  /** Every query finds what a scan finds, in all years and in each (SQLite's index holds the year). */
  async function compare(queries: string[]) {
    for (const q of queries) if (q.trim()) for (const year of [undefined, 2021, 2022]) expect([q, year, await search(q, year)]).toEqual([q, year, await scan(q, year)]);
  }

  it('finds exactly what a scan finds, through imports, edits, deletes and a rebuild', async () => {
    store = await openTestStore(dialect);
    const forms = corpus(150, `s-${dialect}`);
    const res = await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, forms.map((form, index) => ({ source: 's', index, form })), { batchSize: 40 });
    expect(res.created.length).toBe(150);
    const rnd = seededRandom('q');
    const queries = ['教', '教育', '育局水', 'a', 'ab', 'B1', '1%', '%', '_', '\\', '，', '部门1', '部门1单位2', '项目 资金', ' 教育  局 ', '教育 %', '（医疗）', '不存在的词', '2', '20', '2021', '02'];
    // and substrings of stored text, so long queries hit too
    for (const f of forms.slice(0, 20)) {
      const t = f.goals.expected ?? f.projectName ?? '';
      const at = Math.floor(rnd() * t.length);
      queries.push(t.slice(at, at + 1 + Math.floor(rnd() * 6)));
    }
    await compare(queries);
    expect((await search('部门1单位2')).length).toBeGreaterThan(0);
    // the index itself narrows: candidates ⊇ matches, and nothing for a word that is nowhere
    const candidates = async (q: string, fetch: Fetch = 'sparse') => (await store.db.selectFrom('forms').select('id').where(searchPlan(store.db, q)!.candidates(fetch)!).execute()).map((r) => r.id).sort();
    // walking the sort index (many matches), probing the index row by row, and fetching the matches (few) select the same rows
    for (const q of ['教育', '部门1单位2', 'a', '教']) {
      expect(await candidates(q, 'dense')).toEqual(await candidates(q, 'sparse'));
      expect(await candidates(q, 'probe')).toEqual(await candidates(q, 'sparse'));
    }
    // a count that stops early stops exactly there
    for (const q of ['教', '部门1单位2', '不存在的词']) {
      const plan = searchPlan(store.db, q)!;
      const n = await plan.count();
      for (const atMost of [0, 1, 3, n, n + 5]) expect([q, atMost, await plan.count(atMost)]).toEqual([q, atMost, Math.min(n, atMost)]);
    }
    // with another filter the total is counted, and the pages are those of the text alone, filtered:
    // in one query (few forms pass the other filters) and in two (many; here, none are few)
    for (const [onePassRows, probeRows] of [[LIST_PLAN.onePassRows, LIST_PLAN.probeRows], [-1, LIST_PLAN.probeRows], [-1, Infinity]]) for (const q of ['教', '教育', 'a', '部门1']) {
      const plan = { ...LIST_PLAN, onePassRows, probeRows };
      const byText = (await listForms(store.db, null, { q, pageSize: 200 })).items;
      const year = byText[0]?.year ?? 2021;
      const expected = byText.filter((i) => i.year === year).map((i) => i.id);
      const withYear = await listForms(store.db, null, { q, year, pageSize: 200 }, plan);
      expect([q, withYear.total, withYear.items.map((i) => i.id)]).toEqual([q, expected.length, expected]);
      const second = await listForms(store.db, null, { q, year, pageSize: 3, page: 2 }, plan);
      expect([q, second.total, second.items.map((i) => i.id)]).toEqual([q, expected.length, expected.slice(3, 6)]);
      const past = await listForms(store.db, null, { q, year, pageSize: 5, page: 100 }, plan);
      expect([q, past.total, past.items]).toEqual([q, expected.length, []]);
    }
    // small pages (which probe when many forms match) are slices of one big page
    for (const q of ['教', '教育', 'a', '部门1']) {
      const all = (await listForms(store.db, null, { q, pageSize: 200 })).items.map((i) => i.id);
      const paged = [];
      for (let page = 1; page <= 4; page++) paged.push(...(await listForms(store.db, null, { q, pageSize: 5, page })).items.map((i) => i.id));
      expect(paged).toEqual(all.slice(0, 20));
    }
    for (const q of ['部门1单位2', '教育', 'B1', '教']) expect(await candidates(q)).toEqual(expect.arrayContaining(await scan(q)));
    expect(await candidates('部门1单位2')).toEqual(await scan('部门1单位2'));
    expect(await candidates('不存在的词')).toEqual([]);

    for (const id of res.created.slice(0, 40)) {
      const row = await store.db.selectFrom('forms').select(['data', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      if (rnd() < 0.6) {
        const f = JSON.parse(row.data) as Form;
        f.projectName = text(rnd, 12);
        f.goals.actual = rnd() < 0.5 ? f.goals.actual : text(rnd, 40);
        // a form moved to the other year is found in that year only
        if (rnd() < 0.3) f.year = f.year === 2021 ? 2022 : 2021;
        await store.db.transaction().execute((trx) => saveForm(trx, SYSTEM, id, row.version, f, derive(f)));
      } else {
        await store.db.transaction().execute((trx) => deleteDraft(trx, SYSTEM, id, row.version));
      }
    }
    await compare(queries);
    await rebuildSearch(store.db);
    await compare(queries);
  });

  it('finds a form in its new year after a save that changes the year alone', async () => {
    store = await openTestStore(dialect);
    const form = makeForm({ year: 2021, projectName: '堤防加固工程' });
    const [id] = (await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, [{ source: 's', index: 0, form }])).created;
    expect([await search('堤防', 2021), await search('堤防', 2022)]).toEqual([[id], []]);
    const moved = { ...form, year: 2022 };
    await store.db.transaction().execute((trx) => saveForm(trx, SYSTEM, id, 1, moved, derive(moved)));
    expect([await search('堤防', 2021), await search('堤防', 2022)]).toEqual([[], [id]]);
  });

  it('leaves the index unchanged when a save rolls back', async () => {
    store = await openTestStore(dialect);
    const form = makeForm({ projectName: '原来的名称' });
    const [id] = (await commitStream(store.db, { actor: SYSTEM, role: null, orgId: null }, [{ source: 's', index: 0, form }])).created;
    const changed = { ...form, projectName: '新的名称' };
    await expect(
      store.db.transaction().execute(async (trx) => {
        await saveForm(trx, SYSTEM, id, 1, changed, derive(changed));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await search('原来')).toEqual([id]);
    expect(await search('新的')).toEqual([]);
  });
});
