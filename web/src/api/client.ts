/**
 * Typed fetch client for the JSON API: same-origin cookies, the CSRF token echoed in
 * x-csrf-token on every state change, and errors as `ApiError` with the server's { code, message }.
 */
import type { FormFilter } from '../../../src/store/queries.js';
import type {
  AuditRecord, CommitResult, Dashboard, FieldComment, Form, FormDetail, FormStatus, FormSummary, ImportPreview, Org, Page,
  SessionInfo, SpotCheck, SpotCheckRecord, YoyItem,
} from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = (e: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();
/** Called on every 401 (session expired): the app shows the login page. */
export function onUnauthorized(l: Listener): () => void {
  unauthorizedListeners.add(l);
  return () => unauthorizedListeners.delete(l);
}

let csrfToken = '';
export const setCsrfToken = (t: string) => {
  csrfToken = t;
};
function csrf(): string {
  if (csrfToken) return csrfToken;
  const m = /(?:^|;\s*)jixiao_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function qs(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v == null || v === '' || (Array.isArray(v) && !v.length)) continue;
    p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET') headers['x-csrf-token'] = csrf();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', `网络错误：${(e as Error).message}`);
  }
  const text = await res.text();
  let data: any = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { message: text.slice(0, 200) };
    }
  }
  if (!res.ok) {
    const { code = 'error', message = res.statusText, ...extra } = data ?? {};
    const err = new ApiError(res.status, code, message, extra);
    if (res.status === 401 && path !== '/auth/login') for (const l of unauthorizedListeners) l(err);
    throw err;
  }
  return data as T;
}

/** The list filter as the server defines it (src/store/queries.ts); status and sort also as URL text. */
export type ListQuery = Query & Omit<FormFilter, 'status' | 'sort'> & { status?: FormStatus[] | string; sort?: string };

export const api = {
  login: (username: string, password: string) => request<SessionInfo>('POST', '/auth/login', { username, password }),
  logout: () => request<null>('POST', '/auth/logout'),
  me: () => request<SessionInfo>('GET', '/auth/me'),

  orgs: () => request<{ items: Org[] }>('GET', '/orgs'),

  listForms: (q: ListQuery) => request<Page<FormSummary>>('GET', `/forms${qs(q)}`),
  getForm: (id: string) => request<FormDetail>('GET', `/forms/${encodeURIComponent(id)}`),
  createForm: (form: Form, orgId?: string) => request<FormDetail>('POST', '/forms', { form, orgId }),
  saveForm: (id: string, version: number, form: Form) => request<FormDetail>('PUT', `/forms/${encodeURIComponent(id)}`, { version, form }),
  deleteForm: (id: string, version: number) => request<null>('DELETE', `/forms/${encodeURIComponent(id)}${qs({ version })}`),
  audit: (id: string) => request<{ items: AuditRecord[]; total: number }>('GET', `/forms/${encodeURIComponent(id)}/audit?limit=1000`),
  formYears: (id: string) => request<{ items: YoyItem[]; total: number }>('GET', `/forms/${encodeURIComponent(id)}/years`),

  action: (id: string, action: 'submit' | 'approve' | 'return' | 'accept', b: { version?: number; message?: string; comments?: { path: string; body: string }[] } = {}) =>
    request<FormDetail>('POST', `/forms/${encodeURIComponent(id)}/${action}`, b),
  comment: (id: string, c: { path: string; body: string }) => request<{ id: string }>('POST', `/forms/${encodeURIComponent(id)}/comments`, c),
  resolveComment: (id: string, commentId: string) =>
    request<null>('POST', `/forms/${encodeURIComponent(id)}/comments/${encodeURIComponent(commentId)}/resolve`),
  score: (id: string, b: { fundScore?: number | null; indicatorScores?: (number | null)[]; totalScore?: number; comment?: string }) =>
    request<FormDetail>('POST', `/forms/${encodeURIComponent(id)}/scores`, b),

  drawSpotCheck: (b: { year?: number; count?: number; share?: number; seed?: string; dryRun?: boolean }) => request<SpotCheck>('POST', '/spot-checks', b),
  spotChecks: () => request<{ items: SpotCheckRecord[] }>('GET', '/spot-checks'),

  dashboard: (q: { year?: number; orgId?: string; status?: string }) => request<Dashboard>('GET', `/dashboard${qs(q)}`),
  yoy: (q: { year?: number; orgId?: string; page?: number; pageSize?: number }) => request<{ items: YoyItem[]; total: number }>('GET', `/yoy${qs(q)}`),

  previewImport: (files: File[]) => request<ImportPreview>('POST', '/imports/preview', multipart(files)),
  commitImport: (files: { name: string; content: string }[], status?: string) => request<CommitResult>('POST', '/imports/commit', { files, status }),
};

function multipart(files: File[]): FormData {
  const fd = new FormData();
  for (const f of files) fd.append('files', f, f.name);
  return fd;
}

export type { FieldComment };
