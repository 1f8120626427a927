/**
 * Test harness for the API: a fresh store per dialect, an org tree with two departments, one user
 * per role and org, a movable clock, and a cookie-keeping client over app.request() (no socket).
 */
import { createApp } from './app.js';
import type { AppDeps } from './context.js';
import { openTestStore } from '../store/testing.js';
import type { Store } from '../store/db.js';
import type { DialectName } from '../store/dialect.js';
import { SYSTEM } from '../store/audit-repo.js';
import { createOrg, ensureRoot, type Org } from '../store/orgs-repo.js';
import { createUser } from '../store/users-repo.js';
import { hashPassword } from '../store/passwords.js';
import type { Role } from '../store/schema.js';
import { makeForm, type FormInput } from '../model/testing.js';
import type { Form } from '../model/form.js';

export const PASSWORD = 'correct-horse-1';
export const TEST_SCRYPT_N = 1024;

export const USERS = {
  admin: { role: 'admin', org: 'root' },
  finance: { role: 'finance_reviewer', org: 'root' },
  deptA: { role: 'dept_reviewer', org: 'deptA' },
  deptB: { role: 'dept_reviewer', org: 'deptB' },
  fillerA1: { role: 'filler', org: 'unitA1' },
  fillerA2: { role: 'filler', org: 'unitA2' },
  fillerB1: { role: 'filler', org: 'unitB1' },
} as const satisfies Record<string, { role: Role; org: string }>;
export type UserName = keyof typeof USERS;

export const ORG_NAMES = {
  root: '测试区财政局',
  deptA: '测试区科学技术委员会',
  deptB: '测试区教育局',
  unitA1: '测试区政务网管理中心',
  unitA2: '测试区科技创新服务中心',
  unitB1: '测试区实验小学',
} as const;
export type OrgKey = keyof typeof ORG_NAMES;

/** A consistent form for a unit (department and unit names match the org tree). */
export function formFor(unit: 'unitA1' | 'unitA2' | 'unitB1', over: FormInput = {}): Form {
  const dept = unit === 'unitB1' ? 'deptB' : 'deptA';
  return makeForm({ department: ORG_NAMES[dept], implementingUnit: ORG_NAMES[unit], projectName: `${ORG_NAMES[unit]}项目`, ...over });
}

export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private app: ReturnType<typeof createApp>) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let b: BodyInit | undefined;
    if (body instanceof FormData || typeof body === 'string') b = body;
    else if (body !== undefined) {
      b = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.app.request(path, { method, headers: h, body: b });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i);
      const v = kv.slice(i + 1);
      if (!v || /max-age=0/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }
  get = (p: string) => this.request('GET', p);
  post = (p: string, b?: unknown) => this.request('POST', p, b ?? {});
  put = (p: string, b?: unknown) => this.request('PUT', p, b);
  patch = (p: string, b?: unknown) => this.request('PATCH', p, b);
  del = (p: string) => this.request('DELETE', p);
  async json<T = any>(method: string, path: string, body?: unknown, expect = 200): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (res.status !== expect) throw new Error(`${method} ${path}: expected ${expect}, got ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export interface Harness {
  store: Store;
  app: ReturnType<typeof createApp>;
  clock: { now: number };
  orgs: Record<OrgKey, Org>;
  userIds: Record<UserName, string>;
  deps: AppDeps;
  anon(): Client;
  login(name: UserName, password?: string): Promise<Client>;
  /** A new app on the same store (a server restart for in-memory purposes). */
  restart(): void;
  close(): Promise<void>;
}

export async function seedOrgs(store: Store): Promise<Record<OrgKey, Org>> {
  const db = store.db;
  const root = await ensureRoot(db, SYSTEM, ORG_NAMES.root);
  const mk = async (name: string, parent: Org) => {
    const r = await createOrg(db, SYSTEM, { name, parentId: parent.id });
    if (!r.success) throw new Error(r.error.message);
    return r.data;
  };
  const deptA = await mk(ORG_NAMES.deptA, root);
  const deptB = await mk(ORG_NAMES.deptB, root);
  return { root, deptA, deptB, unitA1: await mk(ORG_NAMES.unitA1, deptA), unitA2: await mk(ORG_NAMES.unitA2, deptA), unitB1: await mk(ORG_NAMES.unitB1, deptB) };
}

export async function makeHarness(dialect: DialectName, over: Partial<AppDeps> = {}, opts: { file?: string; store?: Store } = {}): Promise<Harness> {
  const store = opts.store ?? (await openTestStore(dialect, { file: opts.file }));
  const orgs = await seedOrgs(store);
  const userIds = {} as Record<UserName, string>;
  const passwordHash = await hashPassword(PASSWORD, TEST_SCRYPT_N);
  for (const [name, u] of Object.entries(USERS) as [UserName, (typeof USERS)[UserName]][]) {
    const r = await createUser(store.db, SYSTEM, { username: name, passwordHash, role: u.role, orgId: orgs[u.org as OrgKey].id });
    if (!r.success) throw new Error(r.error.message);
    userIds[name] = r.data.id;
  }
  const clock = { now: Date.UTC(2026, 10, 22, 8) };
  const deps: AppDeps = { store, now: () => clock.now, scryptN: TEST_SCRYPT_N, loginPerMinute: 1000, ...over };
  const h: Harness = {
    store, clock, orgs, userIds, deps,
    app: createApp(deps),
    anon: () => new Client(h.app),
    async login(name, password = PASSWORD) {
      const c = new Client(h.app);
      const r = await c.json('POST', '/api/auth/login', { username: name, password });
      c.csrf = r.csrfToken;
      return c;
    },
    restart() { h.app = createApp(deps); },
    close: () => store.close(),
  };
  return h;
}
