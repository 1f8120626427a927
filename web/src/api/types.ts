/** Shapes of the JSON API (src/server/routes/*.ts; /api/openapi.json). */
import type { Form } from '../../../src/model/form.js';
import type { Finding } from '../../../src/checks/finding.js';

// One definition each, on the server side: the web app imports them (types only, nothing runs).
export type { Role, FormStatus } from '../../../src/store/schema.js';
export type { Grade } from '../../../src/scoring/profile.js';
export type { FormSummary, Dashboard, YoyPair as YoyItem } from '../../../src/store/queries.js';
export type { AuditRecord } from '../../../src/store/audit-repo.js';
export type { ImportPreview, CommitResult } from '../../../src/store/imports-repo.js';
import type { ImportPreview } from '../../../src/store/imports-repo.js';
export type PreviewForm = ImportPreview['forms'][number];
import type { FormStatus, Role } from '../../../src/store/schema.js';
export const FORM_STATUSES: readonly FormStatus[] = ['draft', 'dept_review', 'finance_review', 'returned', 'published'];

export interface SessionInfo {
  user: { id: string; username: string; displayName: string; role: Role; orgId: string; orgName: string };
  csrfToken: string;
  expiresAt: string;
}


export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ReviewScore {
  level: 'self' | 'dept' | 'finance';
  reviewer: string | null;
  totalScore: number | null;
  grade: string | null;
  detail: { fundScore?: number | null; indicators?: (number | null)[] | null };
  comment: string | null;
  updatedAt: string;
}

export interface FieldComment {
  id: string;
  path: string;
  body: string;
  author: string | null;
  level: 'unit' | 'dept' | 'finance' | 'admin';
  formVersion: number;
  createdAt: string;
  resolvedAt: string | null;
}

export interface FormDetail {
  id: string;
  status: FormStatus;
  version: number;
  orgId: string;
  orgName: string;
  form: Form;
  derived: unknown;
  findings: Finding[];
  scores: ReviewScore[];
  comments: FieldComment[];
  spotCheckId: string | null;
  contentHash: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface Org {
  id: string;
  name: string;
  kind: 'finance' | 'department' | 'unit';
  parentId: string | null;
}




export interface Diagnostic {
  code: string;
  level: string;
  message: string;
  [k: string]: unknown;
}




export interface SpotCheck {
  id: string | null;
  seed: string;
  population: number;
  formIds: string[];
}

export interface SpotCheckRecord {
  id: string;
  at: string;
  year: number | null;
  seed: string;
  requested: Record<string, unknown>;
  population: number;
  formIds: string[];
}

export type { Form, Finding };
