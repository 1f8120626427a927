import type { Kysely, Migration } from 'kysely';
import { isPostgres } from '../dialect.js';
import { rebuildSearch } from '../search.js';

/**
 * SQLite: the search index holds each form's year (search.ts), so every form is indexed again: a
 * store of 1,000,000 forms takes minutes, once. PostgreSQL filters the year as a column and never
 * asks its index for it; its forms gain the year's token as they are saved.
 */
export const searchYear: Migration = {
  async up(db: Kysely<any>) {
    if (!isPostgres(db)) await rebuildSearch(db);
  },
};
