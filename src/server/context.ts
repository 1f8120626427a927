import { OpenAPIHono, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Store } from '../store/db.js';
import type { SessionUser } from '../store/sessions-repo.js';
import type { Role } from '../store/schema.js';
import type { Actor } from '../store/audit-repo.js';

export interface AppDeps {
  store: Store;
  /** Clock in ms (tests move it to expire sessions and lock-outs). */
  now?: () => number;
  /** Session lifetime (default 8 h). */
  sessionTtlMs?: number;
  /** Add `Secure` to cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** Largest JSON body (default 1 MiB) and largest import upload (default 20 MiB). */
  maxBodyBytes?: number;
  maxImportBytes?: number;
  /** Account lock-out after this many consecutive failures (default 5) for lockMs (default 15 min). */
  maxLoginFailures?: number;
  lockMs?: number;
  /** Login attempts per client address per minute (default 20). */
  loginPerMinute?: number;
  /** Directory of the built web app (dist/web); served at / when it exists. */
  staticDir?: string;
  /** scrypt cost for new passwords (tests lower it). */
  scryptN?: number;
  /** Scoring profile id (see src/scoring/profile.ts). */
  profile?: string;
}

export type ResolvedDeps = Required<Omit<AppDeps, 'staticDir' | 'scryptN' | 'profile'>> & Pick<AppDeps, 'staticDir' | 'scryptN' | 'profile'>;

export type AppEnv = { Variables: { session: SessionUser | null } };

export const newApp = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
        return c.json({ code: 'invalid', message: `请求内容不合格：${issues.map((i) => `${i.path || '(body)'} ${i.message}`).join('；')}`.slice(0, 500), issues }, 422);
      }
    },
  });

export class ApiError extends HTTPException {
  constructor(status: ContentfulStatusCode, readonly code: string, message: string, readonly extra?: Record<string, unknown>) {
    super(status, { message });
  }
}

export const notFound = (what = '对象') => new ApiError(404, 'not-found', `${what}不存在`);
export const forbidden = (message = '无权执行此操作') => new ApiError(403, 'forbidden', message);

export function sessionOf(c: Context<AppEnv>): SessionUser {
  const s = c.get('session');
  if (!s) throw new ApiError(401, 'unauthenticated', '请先登录');
  return s;
}

export function requireRole(c: Context<AppEnv>, ...roles: Role[]): SessionUser {
  const s = sessionOf(c);
  if (!roles.includes(s.user.role)) throw forbidden();
  return s;
}

export const actorOf = (s: SessionUser): Actor => ({ id: s.user.id, name: s.user.username });

/** The subtree a session may see: null = everything (admin). */
export const scopeOf = (s: SessionUser): string | null => (s.user.role === 'admin' ? null : s.user.orgPath);

export const canSeePath = (s: SessionUser, orgPath: string): boolean => s.user.role === 'admin' || orgPath.startsWith(s.user.orgPath);

// Shared response schemas
export const ErrorBody = z.object({ code: z.string(), message: z.string() }).openapi('Error');
// every route may meet an unreachable or busy database (503, with Retry-After)
export const errors = (...codes: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 423 | 429)[]) =>
  Object.fromEntries([...codes, 503 as const].map((c) => [c, { description: ERROR_TEXT[c], content: { 'application/json': { schema: ErrorBody } } }]));
const ERROR_TEXT = {
  400: 'Malformed request', 401: 'Not logged in or session expired', 403: 'Forbidden for this role',
  404: 'Not found (or not visible to this user)', 409: 'Stale version or state conflict', 413: 'Body too large',
  422: 'Validation failed', 423: 'Account locked', 429: 'Too many attempts', 503: 'Database unavailable for now: retry after Retry-After seconds',
} as const;

export const IdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
export const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
