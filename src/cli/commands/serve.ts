import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../exit.js';
import { DB_HELP, dbTarget, describeDb, packageRoot } from './db-option.js';
import { openStore, type Store } from '../../store/db.js';
import { createApp } from '../../server/app.js';
import { SYSTEM } from '../../store/audit-repo.js';
import { commitImport } from '../../store/imports-repo.js';
import { ensureRoot } from '../../store/orgs-repo.js';
import { createUser, getUserByName } from '../../store/users-repo.js';
import { deleteExpiredSessions } from '../../store/sessions-repo.js';
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
      const r = await createUser(store.db, SYSTEM, { username: a.username, password: a.password, role: a.role, orgId, displayName: a.label });
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
}

/** Opens the store, optionally seeds the sample data, and listens. Resolves once listening. */
export async function startServer(o: ServeOptions) {
  const log = o.log ?? ((s: string) => process.stdout.write(s));
  const target = dbTarget(o.db);
  const store = await openStore(target);
  let seeded: Awaited<ReturnType<typeof seedSample>> | null = null;
  if (o.sample) seeded = await seedSample(store);
  const app = createApp({ store, staticDir: o.staticDir ?? join(packageRoot(), 'dist', 'web') });
  const server = await new Promise<ReturnType<typeof serve>>((res, rej) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 3000, hostname: o.host ?? '127.0.0.1' }, () => res(s));
    s.once('error', rej);
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  log(`jixiao 已启动 / listening on ${url}  (数据库 / database: ${describeDb(target)})\n`);
  log(`API 文档 / API docs: ${url}/api/docs\n`);
  if (seeded) {
    log(`示例数据 / sample data: ${seeded.files} 个文件，新导入 ${seeded.created} 张表（已有 ${seeded.duplicates} 张跳过）\n`);
    log('演示账户 / demo accounts:\n');
    for (const a of seeded.accounts) log(`  ${a.label.padEnd(34)} ${a.username} / ${a.password}\n`);
  }
  // expired sessions are refused on read; this only keeps the table small
  const sweep = setInterval(() => void deleteExpiredSessions(store.db, Date.now()).catch(() => {}), 10 * 60_000);
  sweep.unref();
  const close = async () => {
    clearInterval(sweep);
    await new Promise<void>((res) => server.close(() => res()));
    await store.close();
  };
  return { url, port: addr.port, close, store };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务（JSON API、OpenAPI 文档、网页）/ run the HTTP server')
    .option('--db <target>', DB_HELP)
    .option('-p, --port <n>', '端口 / port (default $PORT or 3000)')
    .option('--host <host>', '监听地址 / listen address', '127.0.0.1')
    .option('--sample', '首次启动时导入示例自评表并创建演示账户 / import the sample forms and create demo accounts')
    .action(async (opts: { db?: string; port?: string; host: string; sample?: boolean }) => {
      const port = Number(opts.port ?? process.env.PORT ?? 3000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口无效 ${opts.port} / bad port`);
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
