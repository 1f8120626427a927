import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { ApiError, newApp, type AppDeps, type ResolvedDeps } from './context.js';
import { sessionMiddleware } from './auth.js';
import { isUnavailable } from '../store/db.js';
import { DOCS_HTML, LANDING_HTML } from './docs-page.js';
import { authRoutes } from './routes/auth.js';
import { orgRoutes } from './routes/orgs.js';
import { userRoutes } from './routes/users.js';
import { formRoutes } from './routes/forms.js';
import { reviewRoutes } from './routes/reviews.js';
import { importRoutes } from './routes/imports.js';
import { dashboardRoutes } from './routes/dashboard.js';

/** Login attempts per address per minute (one process). */
export const LOGIN_PER_MINUTE = 20;

export function resolveDeps(deps: AppDeps): ResolvedDeps {
  return {
    now: Date.now,
    sessionTtlMs: 8 * 3600_000,
    secureCookies: false,
    maxBodyBytes: 1 << 20,
    maxImportBytes: 20 << 20,
    maxLoginFailures: 5,
    lockMs: 15 * 60_000,
    loginPerMinute: LOGIN_PER_MINUTE,
    ...deps,
  };
}

const STATUS_CODE: Record<number, string> = { 400: 'bad-request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 405: 'method-not-allowed', 409: 'conflict', 413: 'too-large', 415: 'unsupported-media-type' };

/** The whole HTTP app: JSON API under /api, OpenAPI at /api/openapi.json, docs at /api/docs, the web app at /. */
export function createApp(input: AppDeps) {
  const deps = resolveDeps(input);
  const app = newApp();

  const tooLarge = () => { throw new ApiError(413, 'too-large', '请求内容过大'); };
  app.use('/api/imports/*', bodyLimit({ maxSize: deps.maxImportBytes, onError: tooLarge }));
  app.use('/api/*', async (c, next) => {
    if (c.req.path.startsWith('/api/imports/')) return next();
    return bodyLimit({ maxSize: deps.maxBodyBytes, onError: tooLarge })(c, next);
  });
  app.use('/api/*', sessionMiddleware(deps));

  // which server process answered (serve --workers): 0 when there is only one
  app.get('/api/health', (c) => c.json({ ok: true, worker: cluster.worker?.id ?? 0 }));
  for (const sub of [authRoutes, orgRoutes, userRoutes, formRoutes, reviewRoutes, importRoutes, dashboardRoutes]) app.route('/api', sub(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'jixiao_session' });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'jixiao API', version: '0.1.0',
      description: '财政项目支出绩效自评表：填报、审核、抽查与统计。Cookie session; state-changing requests need the x-csrf-token header.',
    },
    security: [{ session: [] }],
  });
  app.get('/api/docs', (c) => c.html(DOCS_HTML));
  app.all('/api/*', () => { throw new ApiError(404, 'not-found', '接口不存在'); });

  const staticDir = deps.staticDir ? resolve(deps.staticDir) : null;
  if (staticDir && existsSync(resolve(staticDir, 'index.html'))) {
    app.use('/*', serveStatic({ root: staticDir }));
    app.get('/*', serveStatic({ root: staticDir, rewriteRequestPath: () => '/index.html' }));
  } else {
    app.get('/', (c) => c.html(LANDING_HTML));
  }

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json({ code: err.code, message: err.message, ...err.extra }, err.status);
    if (err instanceof HTTPException) {
      const status = err.status;
      const message = status === 400 ? `请求格式错误：${err.message || 'malformed body'}` : err.message || 'error';
      return c.json({ code: STATUS_CODE[status] ?? 'error', message }, status);
    }
    if (isUnavailable(err)) {
      process.stderr.write(`jixiao: database unavailable: ${(err as Error).message}\n`);
      c.header('Retry-After', '5');
      return c.json({ code: 'unavailable', message: '数据库暂时不可用，请稍后重试' }, 503);
    }
    process.stderr.write(`jixiao server error: ${(err as Error)?.stack ?? err}\n`);
    return c.json({ code: 'internal', message: '服务器内部错误' }, 500);
  });
  app.notFound((c) => c.json({ code: 'not-found', message: '不存在' }, 404));
  return app;
}

export type App = ReturnType<typeof createApp>;
