import type { Kysely, Migration } from 'kysely';
import { rebuildStats } from '../stats.js';

/**
 * Roll-up tables for the dashboard: counts and sums per (unit, year, status, grades, buckets),
 * kept in step with every write in the same transaction, so aggregates over a million forms read
 * a few thousand rows instead of scanning forms and findings.
 */
export const stats: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('form_stats')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('dept_org_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('printed_grade', 'text', (c) => c.notNull())
      .addColumn('calc_grade', 'text', (c) => c.notNull())
      .addColumn('score_bucket', 'text', (c) => c.notNull())
      .addColumn('rate_bucket', 'text', (c) => c.notNull())
      .addColumn('forms', 'bigint', (c) => c.notNull())
      .addColumn('budget_fen', 'bigint', (c) => c.notNull())
      .addColumn('executed_fen', 'bigint', (c) => c.notNull())
      .addColumn('score_n', 'bigint', (c) => c.notNull())
      .addColumn('score_c', 'bigint', (c) => c.notNull())
      .addColumn('calc_n', 'bigint', (c) => c.notNull())
      .addColumn('calc_c', 'bigint', (c) => c.notNull())
      .addColumn('errors', 'bigint', (c) => c.notNull())
      .addColumn('warnings', 'bigint', (c) => c.notNull())
      .addColumn('spot', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('form_stats_pk', ['org_id', 'year', 'status', 'printed_grade', 'calc_grade', 'score_bucket', 'rate_bucket'])
      .execute();
    await db.schema
      .createTable('finding_stats')
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('findings', 'bigint', (c) => c.notNull())
      .addColumn('forms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('finding_stats_pk', ['org_id', 'year', 'status', 'code', 'severity'])
      .execute();
    await rebuildStats(db);
  },
};
