/**
 * The database as Kysely sees it: one interface for SQLite and PostgreSQL.
 * Keys are text UUIDs, money is integer fen (分), timestamps are ISO-8601 text (they sort as text).
 */
export type Role = 'filler' | 'dept_reviewer' | 'finance_reviewer' | 'admin';
export const ROLES: readonly Role[] = ['filler', 'dept_reviewer', 'finance_reviewer', 'admin'];

export type OrgKind = 'finance' | 'department' | 'unit';
export const ORG_KINDS: readonly OrgKind[] = ['finance', 'department', 'unit'];

/** Where a form sits in the review workflow. */
export type FormStatus = 'draft' | 'dept_review' | 'finance_review' | 'returned' | 'published';
export const FORM_STATUSES: readonly FormStatus[] = ['draft', 'dept_review', 'finance_review', 'returned', 'published'];

/** Reviewer levels whose scores are kept side by side. */
export type ScoreLevel = 'self' | 'dept' | 'finance';
export const SCORE_LEVELS: readonly ScoreLevel[] = ['self', 'dept', 'finance'];

export interface OrgTable {
  id: string;
  name: string;
  kind: OrgKind;
  parent_id: string | null;
  /** Materialised path of ids, "/root/dept/unit/": a subtree is `path LIKE prefix%`. */
  path: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  org_id: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked table does not leak sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface FormTable {
  id: string;
  /** The 实施单位 org. */
  org_id: string;
  /** The 主管部门 org (parent of org_id), kept for per-department aggregates. */
  dept_org_id: string | null;
  status: FormStatus;
  version: number;
  /** sha256 of the canonical interchange JSON the form was imported from (kept across edits), unique: the same content imports once. Null for forms created by hand. */
  content_hash: string | null;
  /** Normalised project name + unit: the same project across years. */
  project_key: string;
  year: number | null;
  project_name: string | null;
  department: string | null;
  implementing_unit: string | null;
  goals_expected: string | null;
  goals_actual: string | null;
  // printed amounts, integer fen
  initial_budget_fen: number | null;
  annual_budget_fen: number | null;
  executed_fen: number | null;
  fiscal_annual_fen: number | null;
  fiscal_executed_fen: number | null;
  carryover_annual_fen: number | null;
  other_annual_fen: number | null;
  // printed numbers
  fund_weight: number | null;
  printed_rate: number | null;
  printed_fund_score: number | null;
  total_weight: number | null;
  printed_total_score: number | null;
  printed_grade: string | null;
  // recomputed on the server
  calc_rate: number | null;
  calc_fund_score: number | null;
  calc_total_score: number | null;
  calc_grade: string | null;
  error_count: number;
  warning_count: number;
  indicator_count: number;
  /** The full form (interchange JSON, printed values) as text. */
  data: string;
  /** scoreForm() output as JSON text. */
  score_data: string | null;
  spot_check_id: string | null;
  created_by: string | null;
  import_id: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
}

export interface IndicatorTable {
  id: string;
  form_id: string;
  idx: number;
  level1: string | null;
  level2: string | null;
  level3: string | null;
  target: string | null;
  actual: string | null;
  weight: number | null;
  score: number | null;
  deviation: string | null;
  suggested_min: number | null;
  suggested_max: number | null;
}

export interface FindingTable {
  id: string;
  form_id: string;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  path: string | null;
  params: string;
  indicator_index: number | null;
}

export interface ScoreTable {
  id: string;
  form_id: string;
  level: ScoreLevel;
  reviewer_id: string | null;
  total_score: number | null;
  grade: string | null;
  /** JSON: per-indicator scores { [index]: score } and the fund score. */
  detail: string;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommentTable {
  id: string;
  form_id: string;
  /** Field path in the form ("funds.total.executed", "indicators[3].score"), or '' for the whole form. */
  path: string;
  body: string;
  author_id: string | null;
  level: 'unit' | 'dept' | 'finance' | 'admin';
  form_version: number;
  created_at: string;
  resolved_at: string | null;
}

export interface AuditTable {
  /** Time-ordered id (sortable): entries of the same millisecond keep their order. */
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
}

export interface ImportTable {
  id: string;
  at: string;
  user_id: string | null;
  sources: string;
  form_count: number;
  created_count: number;
  duplicate_count: number;
  org_created_count: number;
}

export interface SpotCheckTable {
  id: string;
  at: string;
  drawn_by: string | null;
  year: number | null;
  seed: string;
  requested: string;
  population: number;
  form_ids: string;
}

/** Dashboard roll-up: one row per combination of the keys; null keys stored as 0 / ''. */
export interface FormStatsTable {
  org_id: string;
  dept_org_id: string;
  year: number;
  status: string;
  printed_grade: string;
  calc_grade: string;
  score_bucket: string;
  rate_bucket: string;
  forms: number;
  budget_fen: number;
  executed_fen: number;
  /** Printed totals present, and their sum in hundredths (exact). */
  score_n: number;
  score_c: number;
  calc_n: number;
  calc_c: number;
  errors: number;
  warnings: number;
  spot: number;
}

export interface FindingStatsTable {
  org_id: string;
  year: number;
  status: string;
  code: string;
  severity: string;
  findings: number;
  forms: number;
}

export interface DB {
  orgs: OrgTable;
  users: UserTable;
  sessions: SessionTable;
  forms: FormTable;
  indicators: IndicatorTable;
  findings: FindingTable;
  scores: ScoreTable;
  comments: CommentTable;
  audit_log: AuditTable;
  imports: ImportTable;
  spot_checks: SpotCheckTable;
  form_stats: FormStatsTable;
  finding_stats: FindingStatsTable;
}
