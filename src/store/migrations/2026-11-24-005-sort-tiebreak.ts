import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * The list breaks ties by id in the sort's own direction, and its sort indexes end in id: many
 * forms share a value (a 100% execution rate, one import's updated_at), and without id in the
 * index every page sorted all the tied rows. Its totals per year come from a covering index.
 */
export const sortTiebreak: Migration = {
  async up(db: Kysely<any>) {
    const pg = isPostgres(db);
    for (const name of ['forms_year_rate', 'forms_year_score', 'forms_updated']) await db.schema.dropIndex(name).execute();
    for (const [name, col] of [['forms_year_rate', 'calc_rate'], ['forms_year_score', 'printed_total_score']] as const) {
      // DESC NULLS LAST, id DESC is a backward scan in SQLite (NULL sorts lowest); PostgreSQL needs it spelled out
      if (pg) await sql`create index ${sql.id(name)} on forms (year, ${sql.id(col)} desc nulls last, id desc)`.execute(db);
      else await db.schema.createIndex(name).on('forms').columns(['year', col, 'id']).execute();
    }
    await db.schema.createIndex('forms_updated').on('forms').columns(['updated_at', 'id']).execute();
    // the list's total per year and status, summed from a narrow covering index of the roll-up
    await db.schema.createIndex('form_stats_year').on('form_stats').columns(['year', 'status', 'forms']).execute();
  },
};
