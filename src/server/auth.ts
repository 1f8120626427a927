import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, ResolvedDeps } from './context.js';
import { ApiError } from './context.js';
import { getSession } from '../store/sessions-repo.js';

export const SESSION_COOKIE = 'jixiao_session';
export const CSRF_COOKIE = 'jixiao_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Paths that work without a session. */
const PUBLIC = new Set(['/api/auth/login', '/api/openapi.json', '/api/docs', '/api/health']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookies(c: Context, deps: ResolvedDeps, token: string, csrf: string) {
  const maxAge = Math.floor(deps.sessionTtlMs / 1000);
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge, secure: deps.secureCookies });
  // Readable by the page's script: it echoes it in x-csrf-token (double submit).
  setCookie(c, CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'Lax', path: '/', maxAge, secure: deps.secureCookies });
}

export function clearSessionCookies(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  deleteCookie(c, CSRF_COOKIE, { path: '/' });
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Loads the session; 401 without one on every non-public /api path; CSRF check on every state change. */
export function sessionMiddleware(deps: ResolvedDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token && token.length < 200 ? await getSession(deps.store.db, token, deps.now()) : null;
    c.set('session', session);
    const path = c.req.path;
    if (PUBLIC.has(path)) return next();
    if (!session) {
      if (token) clearSessionCookies(c);
      throw new ApiError(401, token ? 'session-expired' : 'unauthenticated', token ? '会话已过期，请重新登录' : '请先登录');
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      const header = c.req.header(CSRF_HEADER) ?? '';
      const cookie = getCookie(c, CSRF_COOKIE) ?? '';
      if (!header || !same(header, session.csrfToken) || !same(cookie, header))
        throw new ApiError(403, 'csrf', 'CSRF 校验失败：缺少或错误的 x-csrf-token');
    }
    return next();
  };
}

/** Fixed-window counter per key, in memory (one process). */
export class RateLimiter {
  private hits = new Map<string, { start: number; n: number }>();
  constructor(private readonly max: number, private readonly windowMs: number) {}
  /** Counts one hit; false when the key is over its limit in this window. */
  hit(key: string, now: number): boolean {
    const h = this.hits.get(key);
    if (!h || now - h.start >= this.windowMs) {
      if (this.hits.size > 10_000) this.prune(now);
      this.hits.set(key, { start: now, n: 1 });
      return true;
    }
    h.n++;
    return h.n <= this.max;
  }
  private prune(now: number) {
    for (const [k, v] of this.hits) if (now - v.start >= this.windowMs) this.hits.delete(k);
  }
}

export function clientAddress(c: Context): string {
  const incoming = (c.env as any)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
