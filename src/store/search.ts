/**
 * Text search index: the character bigrams of the searchable fields (project name, goals,
 * department, unit). Chinese has no spaces between words and users search with two-character
 * words (教育, 水利), which trigram indexes (FTS5 trigram, pg_trgm) cannot serve, so both
 * dialects index bigrams: SQLite in a contentless FTS5 table keyed by the form's rowid,
 * PostgreSQL as a tsvector with a GIN index. The index only narrows the candidates; the list
 * still applies its case-insensitive substring match, so results are exactly what a scan gives.
 *
 * The index also holds each form's year. SQLite asks it for the year too, so that a search within a
 * year is one question to the index, not the text's matches tested against every form of the year
 * (a word in every form of 1M, one year of 166,667: 838 ms against 147).
 */
import { CompiledQuery, sql, type Expression, type Kysely, type QueryCreator, type SqlBool } from 'kysely';
import type { DB } from './schema.js';
import { isPostgres } from './dialect.js';

export const SEARCH_FIELDS = ['project_name', 'goals_expected', 'goals_actual', 'department', 'implementing_unit'] as const;
/** What the index holds of a form: the searchable fields and the year. */
export const INDEXED_FIELDS = [...SEARCH_FIELDS, 'year'] as const;
type SearchFields = { [K in (typeof SEARCH_FIELDS)[number]]: string | null } & { year: number | null };
type SearchRow = { id: string } & SearchFields;

// FTS5's unicode61 tokenizer keeps exactly these (categories L*, N*) as token characters
const RUN = /[\p{L}\p{N}]+/gu;

/**
 * The tokens of some text: for each run of letters and digits, its overlapping bigrams and then
 * its last character alone. A substring of two or more characters is then a phrase of adjacent
 * bigrams, and a single character is a prefix of some token.
 */
export function searchTokens(texts: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const t of texts)
    if (t)
      for (const cs of charRuns(t)) {
        bigrams(cs, out);
        out.push(cs[cs.length - 1]);
      }
  return out;
}

/**
 * A year's token starts with a private-use character: FTS5's unicode61 keeps those in tokens
 * (category Co), and no query term can hold one (queryTerms takes letters and digits only), so a
 * search for any text, even the digits of a year, never matches it.
 */
export const yearToken = (year: number): string => `\uE000${Math.trunc(year)}`;

/** Runs of letters and digits, lower-cased, as arrays of characters (code points). */
const charRuns = (text: string): string[][] => Array.from(text.toLowerCase().matchAll(RUN), (m) => Array.from(m[0]));
/** The overlapping bigrams of a run, appended to `out` (the import's hot path: no copies). */
function bigrams(cs: string[], out: string[] = []): string[] {
  for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
  return out;
}

/** What a query needs: per run of letters/digits, a phrase of bigrams or (one character) a prefix. */
export type SearchTerm = { phrase: string[] } | { prefix: string };
export function queryTerms(q: string): SearchTerm[] {
  return charRuns(q).map((cs) => (cs.length === 1 ? { prefix: cs[0] } : { phrase: bigrams(cs) }));
}

// tokens hold letters and digits only, so neither syntax needs escaping
const ftsQuery = (terms: SearchTerm[]) =>
  terms.map((t) => ('prefix' in t ? `"${t.prefix}"*` : `"${t.phrase.join(' ')}"`)).join(' AND ');
const tsQuery = (terms: SearchTerm[]) =>
  terms.map((t) => ('prefix' in t ? `'${t.prefix}':*` : t.phrase.map((p) => `'${p}'`).join(' <-> '))).join(' & ');

/** tsvector text with positions (PostgreSQL caps positions at 16383). */
export const tsVector = (tokens: string[]) => tokens.map((t, i) => `'${t}':${Math.min(i + 1, 16383)}`).join(' ');

export interface SearchPlan {
  /** The year the index itself narrows to (SQLite; PostgreSQL filters the year as a column). */
  year: number | null;
  /** The query's words (split at whitespace): a form matches when it contains every one. */
  words: string[];
  /** Words the index cannot decide alone (punctuation, wildcard characters): checked by a substring match. */
  residual: string[];
  /**
   * Holds for every form containing the letters and digits of every word as the word has them, or
   * null when no word has any. How the list should use it (`Fetch`):
   * - `sparse`: the matches are fetched first and sorted.
   * - `dense`: many forms match, so the list walks its sort index and tests each row against the set
   *   of matches rather than fetch and sort every match. PostgreSQL is told so too: it estimates a
   *   bigram phrase at hundreds of matches when there are six, and once VACUUM has made index-only
   *   scans cheap it walked a million-row sort index looking for twenty of them (1.2 s, not 28 ms).
   * - `probe` (SQLite; dense elsewhere): as dense, but each row walked asks the index about itself
   *   (MATCH with rowid =) instead of SQLite first building the set of every match. On 1M forms, page
   *   1 of a word in every form took 2.4 ms instead of 272. A lookup costs 0.1 to 3.5 ms (more words,
   *   more segments), so it pays only when few rows are walked (two words in 15% of forms: 71 ms on
   *   a merged index, 460 on one with 50 segments, against 207 for the set).
   * - `shared` (SQLite): as dense, from the set of matches that `withMatches` gathers once for the
   *   whole statement, so that a page and its total in one query evaluate the search once.
   */
  candidates(fetch?: Fetch): Expression<SqlBool> | null;
  /** SQLite: a query creator whose statements can use `shared` candidates and `sharedCount`. */
  withMatches(): QueryCreator<DB>;
  /** How many forms are candidates (from the index alone; 0 when there are none to ask for), counting no further than `atMost`. */
  count(atMost?: number): Promise<number>;
  /**
   * SQLite: the first `atMost` candidates in rowid order: how many, and the rowid of the last (the
   * index lists them in that order, so it reads no further).
   */
  head(atMost: number): Promise<{ n: number; last: number | null }>;
}

/** How a list fetches a search's matches (SearchPlan.candidates). */
export type Fetch = 'sparse' | 'dense' | 'probe' | 'shared';

/** The name of the set of matches `withMatches` gathers (SQLite). */
const SHARED = sql.table('search_matches');
/** How many forms that set holds. */
export const sharedCount = sql<number>`(select count(*) from ${SHARED})`;

const isRun = (w: string) => { const m = w.match(RUN); return m != null && m.length === 1 && m[0] === w; };

/**
 * How the index serves a query (null for a blank one), within `year` if given (SQLite: the index
 * holds each form's year). Letters compare case-insensitively.
 */
export function searchPlan(db: Kysely<DB>, q: string, opts: { year?: number | null } = {}): SearchPlan | null {
  const words = q.trim().toLowerCase().split(/\s+/u).filter(Boolean);
  if (!words.length) return null;
  const terms = words.flatMap(queryTerms);
  const residual = words.filter((w) => !isRun(w));
  if (!terms.length) return { year: null, words, residual, candidates: () => null, withMatches: () => db, count: async () => 0, head: async () => ({ n: 0, last: null }) };
  const pg = isPostgres(db);
  const year = !pg && opts.year != null ? Math.trunc(opts.year) : null;
  const where = pg ? sql`vec @@ ${tsQuery(terms)}::tsquery` : sql`form_search match ${ftsQuery(terms) + (year == null ? '' : ` AND "${yearToken(year)}"`)}`;
  const matches = sql`select ${sql.raw(pg ? 'form_id' : 'rowid')} from form_search where ${where}`;
  const firstMatches = (atMost: number) => sql`${matches} limit ${Math.max(0, Math.trunc(atMost))}`;
  return {
    year, words, residual,
    // SQLite: unary + keeps it from driving the query by the list of matches
    // PostgreSQL: = any(array(…)) is computed first and read by primary key
    candidates: (fetch = 'sparse') =>
      pg
        ? fetch !== 'sparse' ? sql<SqlBool>`forms.id in (${matches})` : sql<SqlBool>`forms.id = any(array(${matches}))`
        : fetch === 'probe' ? sql<SqlBool>`exists (select 1 from form_search where ${where} and rowid = forms.rowid)`
          : fetch === 'shared' ? sql<SqlBool>`+forms.rowid in ${SHARED}`
            : fetch === 'dense' ? sql<SqlBool>`+forms.rowid in (${matches})` : sql<SqlBool>`forms.rowid in (${matches})`,
    // MATERIALIZED: gathered once, however many times the statement reads it
    withMatches: () => db.with((cte) => cte('search_matches').materialized(), () => sql`(${matches})`) as unknown as QueryCreator<DB>,
    count: async (atMost) => {
      const q = atMost === undefined
        ? sql<{ n: number }>`select count(*) as n from form_search where ${where}`
        : sql<{ n: number }>`select count(*) as n from (${firstMatches(atMost)}) m`;
      return Number((await q.execute(db)).rows[0].n);
    },
    head: async (atMost) => {
      const r = (await sql<{ n: number; last: number | null }>`select count(*) as n, max(rowid) as last from (${firstMatches(atMost)}) m`.execute(db)).rows[0];
      return { n: Number(r.n), last: r.last == null ? null : Number(r.last) };
    },
  };
}

/** The tokens of a forms row's searchable fields, and its year's. */
export const rowTokens = (r: SearchFields): string[] => {
  const tokens = searchTokens(SEARCH_FIELDS.map((f) => r[f]));
  if (r.year != null) tokens.push(yearToken(r.year));
  return tokens;
};

/** Index these forms (rows already inserted); with `replace`, forms indexed before (after an edit). */
export async function indexSearch(db: Kysely<DB>, rows: readonly SearchRow[], opts: { replace?: boolean } = {}): Promise<void> {
  await indexTokens(db, rows.map((r) => [r.id, rowTokens(r)] as const), opts);
}

/** PostgreSQL: an insert into form_search with this replaces the form's row (one statement, not delete and insert). */
export const PG_SEARCH_REPLACE = 'on conflict (form_id) do update set vec = excluded.vec';

/** A form's id and the tokens of its searchable fields (rowTokens). */
export type SearchEntry = readonly [id: string, tokens: string[]];

/** indexSearch with the tokens already worked out (a save plans them before its transaction). */
export async function indexTokens(db: Kysely<DB>, entries: readonly SearchEntry[], opts: { replace?: boolean } = {}): Promise<void> {
  if (!entries.length) return;
  // FTS5 has no upsert; PostgreSQL replaces in the same statement (one round trip less per save)
  if (opts.replace && !isPostgres(db)) await removeSearch(db, entries.map(([id]) => id));
  if (isPostgres(db)) {
    for (let i = 0; i < entries.length; i += 10_000) {
      const part = entries.slice(i, i + 10_000);
      const params: unknown[] = [];
      const tuples = part.map(([id, tokens]) => `($${params.push(id)}, $${params.push(tsVector(tokens))}::tsvector)`);
      const upsert = opts.replace ? ` ${PG_SEARCH_REPLACE}` : '';
      await db.executeQuery(CompiledQuery.raw(`insert into form_search (form_id, vec) values ${tuples.join(', ')}${upsert}`, params));
    }
  } else {
    // one statement per batch: the JSON carries id → tokens and the join finds each form's rowid
    const json = JSON.stringify(entries.map(([id, tokens]) => [id, tokens.join(' ')]));
    await db.executeQuery(
      CompiledQuery.raw(`insert into form_search (rowid, body) select f.rowid, j.value ->> 1 from json_each(?) j join forms f on f.id = j.value ->> 0`, [json]),
    );
  }
}

/** Remove these forms from the index (before deleting or re-indexing them). */
export async function removeSearch(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    if (isPostgres(db)) await db.deleteFrom('form_search' as any).where('form_id', 'in', part).execute();
    else await sql`delete from form_search where rowid in (select rowid from forms where id in (${sql.join(part)}))`.execute(db);
  }
}

/** Rebuild the index from the forms (the migration that adds it, and repair). */
export async function rebuildSearch(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`delete from form_search`.execute(db);
  else await sql`insert into form_search (form_search) values ('delete-all')`.execute(db);
  let last = '';
  for (;;) {
    const rows = (await db.selectFrom('forms').select(['id', ...INDEXED_FIELDS]).where('id', '>', last).orderBy('id').limit(5000).execute()) as SearchRow[];
    if (!rows.length) break;
    await indexSearch(db, rows);
    last = rows[rows.length - 1].id;
  }
  await compactSearch(db);
}

/**
 * SQLite: merge the index into one segment, after writes that left several of assorted sizes (a
 * rebuild, an import), which searches would otherwise visit one by one. Saves leave merging to the
 * server's upkeep (search-upkeep.ts).
 */
export async function compactSearch(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`insert into form_search (form_search) values ('optimize')`.execute(db);
}
