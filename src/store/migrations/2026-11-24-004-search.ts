import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';
import { rebuildSearch } from '../search.js';

/** The text search index (see search.ts), filled from the forms already stored. */
export const search: Migration = {
  async up(db: Kysely<any>) {
    if (isPostgres(db)) {
      await sql`create table form_search (form_id text primary key references forms (id) on delete cascade, vec tsvector not null)`.execute(db);
      await sql`create index form_search_vec on form_search using gin (vec)`.execute(db);
    } else {
      // contentless: the text is in forms already; rowid = forms.rowid
      await sql`create virtual table form_search using fts5 (body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    }
    await rebuildSearch(db);
  },
};
