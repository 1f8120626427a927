import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

/** The whole first schema. Later migrations only add. */
export const initial: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('orgs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('path', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('orgs_parent_name').on('orgs').columns(['parent_id', 'name']).execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('form_count', 'integer', (c) => c.notNull())
      .addColumn('created_count', 'integer', (c) => c.notNull())
      .addColumn('duplicate_count', 'integer', (c) => c.notNull())
      .addColumn('org_created_count', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('spot_checks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('drawn_by', 'text', (c) => c.references('users.id'))
      .addColumn('year', 'integer')
      .addColumn('seed', 'text', (c) => c.notNull())
      .addColumn('requested', 'text', (c) => c.notNull())
      .addColumn('population', 'integer', (c) => c.notNull())
      .addColumn('form_ids', 'text', (c) => c.notNull())
      .execute();

    let forms = db.schema
      .createTable('forms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('dept_org_id', 'text', (c) => c.references('orgs.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.unique())
      .addColumn('project_key', 'text', (c) => c.notNull())
      .addColumn('year', 'integer')
      .addColumn('project_name', 'text')
      .addColumn('department', 'text')
      .addColumn('implementing_unit', 'text')
      .addColumn('goals_expected', 'text')
      .addColumn('goals_actual', 'text');
    for (const col of [
      'initial_budget_fen', 'annual_budget_fen', 'executed_fen', 'fiscal_annual_fen',
      'fiscal_executed_fen', 'carryover_annual_fen', 'other_annual_fen',
    ]) forms = forms.addColumn(col, 'bigint');
    for (const col of [
      'fund_weight', 'printed_rate', 'printed_fund_score', 'total_weight', 'printed_total_score',
      'calc_rate', 'calc_fund_score', 'calc_total_score',
    ]) forms = forms.addColumn(col, 'double precision');
    await forms
      .addColumn('printed_grade', 'text')
      .addColumn('calc_grade', 'text')
      .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('warning_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('indicator_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('score_data', 'text')
      .addColumn('spot_check_id', 'text', (c) => c.references('spot_checks.id'))
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('import_id', 'text', (c) => c.references('imports.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('published_at', 'text')
      .execute();
    for (const [name, cols] of [
      ['forms_org', ['org_id']],
      ['forms_dept', ['dept_org_id']],
      ['forms_year_status', ['year', 'status']],
      ['forms_project_key', ['project_key', 'year']],
      ['forms_updated', ['updated_at']],
    ] as const) await db.schema.createIndex(name).on('forms').columns([...cols]).execute();

    await db.schema
      .createTable('indicators')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id').onDelete('cascade'))
      .addColumn('idx', 'integer', (c) => c.notNull())
      .addColumn('level1', 'text')
      .addColumn('level2', 'text')
      .addColumn('level3', 'text')
      .addColumn('target', 'text')
      .addColumn('actual', 'text')
      .addColumn('weight', 'double precision')
      .addColumn('score', 'double precision')
      .addColumn('deviation', 'text')
      .addColumn('suggested_min', 'double precision')
      .addColumn('suggested_max', 'double precision')
      .execute();
    await db.schema.createIndex('indicators_form').on('indicators').columns(['form_id', 'idx']).execute();

    await db.schema
      .createTable('findings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('path', 'text')
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('indicator_index', 'integer')
      .execute();
    await db.schema.createIndex('findings_form').on('findings').column('form_id').execute();
    await db.schema.createIndex('findings_code').on('findings').columns(['code', 'form_id']).execute();

    await db.schema
      .createTable('scores')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id').onDelete('cascade'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('reviewer_id', 'text', (c) => c.references('users.id'))
      .addColumn('total_score', 'double precision')
      .addColumn('grade', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('scores_form_level', ['form_id', 'level'])
      .execute();

    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('form_id', 'text', (c) => c.notNull().references('forms.id').onDelete('cascade'))
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.references('users.id'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('form_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .execute();
    await db.schema.createIndex('comments_form').on('comments').column('form_id').execute();

    // No foreign keys: the log outlives what it describes (a deleted draft, a removed user).
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('field', 'text')
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .execute();
    await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

    // Append-only, enforced by the database itself.
    if (isPostgres(db)) {
      await sql`CREATE FUNCTION jixiao_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
      await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION jixiao_audit_append_only()`.execute(db);
    } else {
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    }
  },
};
