import type { Kysely, Migration } from 'kysely';
import { isPostgres } from '../dialect.js';
import { AUTOMERGE, setAutomerge } from '../search-upkeep.js';

/** SQLite: saves no longer merge search segments; the server's upkeep does (search-upkeep.ts). */
export const searchAutomerge: Migration = {
  async up(db: Kysely<any>) {
    if (!isPostgres(db)) await setAutomerge(db, AUTOMERGE);
  },
};
