import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Indexes for the list's common sorts within a year (execution rate, self-score), matching its
 * `DESC NULLS LAST` order: the default order of a backward scan in SQLite, spelled out for PostgreSQL.
 */
export const sortIndexes: Migration = {
  async up(db: Kysely<any>) {
    const pg = isPostgres(db);
    for (const [name, col] of [['forms_year_rate', 'calc_rate'], ['forms_year_score', 'printed_total_score']] as const) {
      // id: the list's tiebreak, so the index delivers rows already in the final order
      if (pg) await sql`create index ${sql.id(name)} on forms (year, ${sql.id(col)} desc nulls last, id)`.execute(db);
      else await db.schema.createIndex(name).on('forms').columns(['year', col]).execute();
    }
  },
};
