import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../exit.js';
import { DB_HELP, dbTarget, describeDb, packageRoot } from './db-option.js';
import { openStore, type Store, type WriteTurns } from '../../store/db.js';
import { askWriteTurns, grantWriteTurns } from '../write-turns.js';
import { createApp, LOGIN_PER_MINUTE } from '../../server/app.js';
import { SYSTEM } from '../../store/audit-repo.js';
import { commitImport } from '../../store/imports-repo.js';
import { ensureRoot } from '../../store/orgs-repo.js';
import { createUser, getUserByName } from '../../store/users-repo.js';
import { hashPassword } from '../../store/passwords.js';
import { deleteExpiredSessions, getSession } from '../../store/sessions-repo.js';
import { getFormWithChildren } from '../../store/forms-repo.js';
import { listForms } from '../../store/queries.js';
import { IDLE_AFTER_MS, startSearchUpkeep } from '../../store/search-upkeep.js';
import { warmSave } from '../../store/save-commit.js';
import type { Role } from '../../store/schema.js';

export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; label: string; at: 'root' | 'dept' | 'unit' }[] = [
  { username: 'admin', password: 'admin123', role: 'admin', label: '管理员 admin', at: 'root' },
  { username: 'finance', password: 'finance123', role: 'finance_reviewer', label: '财政局审核 finance reviewer', at: 'root' },
  { username: 'dept', password: 'dept1234', role: 'dept_reviewer', label: '主管部门审核 department reviewer', at: 'dept' },
  { username: 'filler', password: 'filler123', role: 'filler', label: '单位填报 unit filler', at: 'unit' },
];

/** Imports the bundled samples (idempotent: same content is skipped) and creates one demo account per role. */
export async function seedSample(store: Store, samplesDir = join(packageRoot(), 'samples')) {
  const files = existsSync(samplesDir) ? readdirSync(samplesDir).filter((f) => /\.(txt|json)$/.test(f)).sort() : [];
  const res = await commitImport(store.db, { actor: SYSTEM, role: null, orgId: null }, files.map((f) => ({ name: f, content: new Uint8Array(readFileSync(join(samplesDir, f))) })), { status: 'dept_review' });
  const root = await ensureRoot(store.db, SYSTEM);
  // the department and unit with the most sample forms host the demo reviewer and filler
  const busiest = await store.db.selectFrom('forms').select(['org_id', 'dept_org_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['org_id', 'dept_org_id']).orderBy('n', 'desc').orderBy('org_id').executeTakeFirst();
  const orgFor = { root: root.id, dept: busiest?.dept_org_id ?? null, unit: busiest?.org_id ?? null };
  const accounts: typeof DEMO_ACCOUNTS = [];
  for (const a of DEMO_ACCOUNTS) {
    const orgId = orgFor[a.at];
    if (!orgId) continue;
    if (!(await getUserByName(store.db, a.username))) {
      const r = await createUser(store.db, SYSTEM, { username: a.username, passwordHash: await hashPassword(a.password), role: a.role, orgId, displayName: a.label });
      if (!r.success) continue;
    }
    accounts.push(a);
  }
  return { created: res.created.length, duplicates: res.duplicates, files: files.length, accounts };
}

export interface ServeOptions {
  db?: string;
  port?: number;
  host?: string;
  sample?: boolean;
  staticDir?: string;
  log?: (s: string) => void;
  /** Login attempts per address per minute in this process (the app's default when absent). */
  loginPerMinute?: number;
  /** SQLite: write transactions take turns with the other processes (serve --workers). */
  writeTurns?: WriteTurns;
  /**
   * The search index upkeep's timing (tests shorten it): idle after this long without a request, look
   * this often. `othersWroteAt`: when another process on the same file last wrote (serve --workers,
   * where one process runs the upkeep and the others `off`).
   */
  upkeep?: { idleAfterMs?: number; everyMs?: number; pauseMs?: number; othersWroteAt?: () => number; off?: boolean };
}

type Seeded = Awaited<ReturnType<typeof seedSample>>;

function banner(log: (s: string) => void, url: string, target: string, seeded: Seeded | null, workers = 1) {
  log(`jixiao 已启动 / listening on ${url}  (数据库 / database: ${describeDb(target)}${workers > 1 ? `; ${workers} 个进程 / processes` : ''})\n`);
  log(`API 文档 / API docs: ${url}/api/docs\n`);
  if (seeded) {
    log(`示例数据 / sample data: ${seeded.files} 个文件，新导入 ${seeded.created} 张表（已有 ${seeded.duplicates} 张跳过）\n`);
    log('演示账户 / demo accounts:\n');
    for (const a of seeded.accounts) log(`  ${a.label.padEnd(34)} ${a.username} / ${a.password}\n`);
  }
}

/** What nearly every request reads (its session, a form, a list page) and a save of no form: run once on each PostgreSQL connection at start. */
const hotReads = async (db: Store['db']) => {
  await getSession(db, '', Date.now());
  await getFormWithChildren(db, '');
  await listForms(db, null, {});
  await warmSave(db);
};

/** Opens the store, optionally seeds the sample data, and listens. Resolves once listening. */
export async function startServer(o: ServeOptions) {
  const log = o.log ?? ((s: string) => process.stdout.write(s));
  const target = dbTarget(o.db);
  const store = await openStore(target, { backgroundCheckpoints: true, writeTurns: o.writeTurns, warm: hotReads });
  let seeded: Seeded | null = null;
  if (o.sample) seeded = await seedSample(store);
  const app = createApp({ store, staticDir: o.staticDir ?? join(packageRoot(), 'dist', 'web'), ...(o.loginPerMinute ? { loginPerMinute: o.loginPerMinute } : {}) });
  let lastRequest = Date.now();
  const fetch: typeof app.fetch = (req, ...rest) => {
    lastRequest = Date.now();
    return app.fetch(req, ...rest);
  };
  const server = await new Promise<ReturnType<typeof serve>>((res, rej) => {
    const s = serve({ fetch, port: o.port ?? 3000, hostname: o.host ?? '127.0.0.1' }, () => res(s));
    s.once('error', rej);
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  banner(log, url, target, seeded);
  // expired sessions are refused on read; this only keeps the table small
  const sweep = setInterval(() => void deleteExpiredSessions(store.db, Date.now()).catch(() => {}), 10 * 60_000);
  sweep.unref();
  const idleAfterMs = o.upkeep?.idleAfterMs ?? IDLE_AFTER_MS;
  const idle = () => Date.now() - Math.max(lastRequest, o.upkeep?.othersWroteAt?.() ?? 0) > idleAfterMs;
  const upkeep = o.upkeep?.off
    ? { stop: async () => {} }
    : startSearchUpkeep(store, { ...o.upkeep, idle, onError: (e) => log(`jixiao: search index upkeep failed, retrying later: ${e.message}\n`) });
  const close = async () => {
    clearInterval(sweep);
    await upkeep.stop();
    await new Promise<void>((res) => server.close(() => res()));
    await store.close();
  };
  return { url, port: addr.port, close, store };
}

/**
 * Several processes sharing the port (node:cluster): the primary migrates and seeds once, then
 * forks; a worker that dies is replaced. Sessions, lock-outs and data live in the database, so
 * any worker serves any request; the per-address login limit is split between the workers.
 */
async function runCluster(o: ServeOptions & { workers: number }): Promise<void> {
  const log = o.log ?? ((s: string) => process.stdout.write(s));
  const target = dbTarget(o.db);
  const store = await openStore(target);
  const seeded = o.sample ? await seedSample(store) : null;
  await store.close();
  grantWriteTurns();
  let stopping = false;
  let announced = false;
  // one worker runs the search index upkeep (its replacement, if it dies): two merging at once would
  // only take turns, and each would count as idle while the other wrote
  const fork = (upkeep: boolean) => {
    const w = cluster.fork({ JIXIAO_SERVE_WORKERS: String(o.workers), JIXIAO_SERVE_UPKEEP: upkeep ? '1' : '0' });
    w.on('message', (m: { url?: string }) => {
      if (m?.url && !announced) {
        announced = true;
        banner(log, m.url, target, seeded, o.workers);
      }
    });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`jixiao: 工作进程退出 / worker exited (${signal ?? code})，重新启动 / restarting\n`);
      fork(upkeep);
    });
  };
  for (let i = 0; i < o.workers; i++) fork(i === 0);
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {});
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务（JSON API、OpenAPI 文档、网页）/ run the HTTP server')
    .option('--db <target>', DB_HELP)
    .option('-p, --port <n>', '端口 / port (default $PORT or 3000)')
    .option('--host <host>', '监听地址 / listen address', '127.0.0.1')
    .option('--sample', '首次启动时导入示例自评表并创建演示账户 / import the sample forms and create demo accounts')
    .option('--workers <n>', '共享端口的服务进程数，auto = 每个 CPU 一个 / server processes sharing the port ("auto": one per CPU)', '1')
    .action(async (opts: { db?: string; port?: string; host: string; sample?: boolean; workers: string }) => {
      const port = Number(opts.port ?? process.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口无效 ${opts.port} / bad port`);
      const workers = opts.workers === 'auto' ? availableParallelism() : Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`进程数无效 ${opts.workers} / bad --workers`);
      if (workers > 1 && cluster.isPrimary) return runCluster({ db: opts.db, port, host: opts.host, sample: opts.sample, workers });
      if (cluster.isWorker) {
        // forked by runCluster: the primary has migrated, seeded and announced
        const turns = askWriteTurns();
        const upkeep = { off: process.env.JIXIAO_SERVE_UPKEEP !== '1', othersWroteAt: turns.othersWroteAt };
        const s = await startServer({ db: opts.db, port, host: opts.host, log: () => {}, loginPerMinute: Math.ceil(LOGIN_PER_MINUTE / workers), writeTurns: turns, upkeep });
        process.send?.({ url: s.url });
        process.once('SIGTERM', () => void s.close().then(() => process.exit(0)));
        await new Promise(() => {});
      }
      const s = await startServer({ db: opts.db, port, host: opts.host, sample: opts.sample });
      const stop = async () => {
        await s.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // keep the action pending: the server runs until a signal
      await new Promise(() => {});
    });
}
