import type { Kysely } from 'kysely';
import type { DB, Role, UserTable } from './schema.js';
import { iso, newId } from './db.js';
import { audit, type Actor } from './audit-repo.js';
import type { Org } from './orgs-repo.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export const toUser = (r: UserTable): User => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, orgId: r.org_id,
  disabled: !!r.disabled, lockedUntil: r.locked_until, createdAt: r.created_at,
});

/** The org kind each role belongs to (admin may sit anywhere, normally at the root). */
export const ROLE_ORG_KIND: Record<Role, Org['kind'] | null> = {
  filler: 'unit',
  dept_reviewer: 'department',
  finance_reviewer: 'finance',
  admin: null,
};

export type UserResult =
  | { success: true; data: User }
  | { success: false; error: { code: 'username-taken' | 'bad-org' | 'not-found'; message: string } };

export async function getUserByName(db: Kysely<DB>, username: string): Promise<UserTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function getUser(db: Kysely<DB>, id: string): Promise<User | null> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : null;
}

/**
 * Passwords arrive hashed (passwords.ts): hashing takes tens of milliseconds, and inside a write
 * transaction it would hold SQLite's only connection, and every other request, for as long.
 */
export interface NewUser { username: string; passwordHash: string; role: Role; orgId: string; displayName?: string }
export interface UserPatch { displayName?: string; role?: Role; orgId?: string; disabled?: boolean; passwordHash?: string }

export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  input: NewUser,
): Promise<UserResult> {
  const org = await db.selectFrom('orgs').select(['id', 'kind']).where('id', '=', input.orgId).executeTakeFirst();
  const want = ROLE_ORG_KIND[input.role];
  if (!org || (want && org.kind !== want))
    return { success: false, error: { code: 'bad-org', message: `角色 ${input.role} 须属于 ${want ?? '任一'} 类单位` } };
  if (await getUserByName(db, input.username))
    return { success: false, error: { code: 'username-taken', message: `用户名 ${input.username} 已存在` } };
  const now = iso();
  const row: UserTable = {
    id: newId(), username: input.username, display_name: input.displayName ?? input.username,
    password_hash: input.passwordHash, role: input.role, org_id: input.orgId,
    disabled: 0, failed_logins: 0, locked_until: null, created_at: now, updated_at: now,
  };
  await db.insertInto('users').values(row).execute();
  await audit(db, actor, {
    action: 'user.create', entity: 'user', entityId: row.id,
    new: { username: row.username, role: row.role, orgId: row.org_id },
  });
  return { success: true, data: toUser(row) };
}

export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  patch: UserPatch,
): Promise<UserResult> {
  const cur = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!cur) return { success: false, error: { code: 'not-found', message: '用户不存在' } };
  const role = patch.role ?? cur.role;
  const orgId = patch.orgId ?? cur.org_id;
  if (patch.role || patch.orgId) {
    const org = await db.selectFrom('orgs').select(['kind']).where('id', '=', orgId).executeTakeFirst();
    const want = ROLE_ORG_KIND[role];
    if (!org || (want && org.kind !== want))
      return { success: false, error: { code: 'bad-org', message: `角色 ${role} 须属于 ${want ?? '任一'} 类单位` } };
  }
  const set: Partial<UserTable> = { updated_at: iso() };
  const entries = [];
  if (patch.displayName !== undefined && patch.displayName !== cur.display_name) {
    set.display_name = patch.displayName;
    entries.push({ field: 'displayName', old: cur.display_name, new: patch.displayName });
  }
  if (patch.role !== undefined && patch.role !== cur.role) {
    set.role = patch.role;
    entries.push({ field: 'role', old: cur.role, new: patch.role });
  }
  if (patch.orgId !== undefined && patch.orgId !== cur.org_id) {
    set.org_id = patch.orgId;
    entries.push({ field: 'orgId', old: cur.org_id, new: patch.orgId });
  }
  if (patch.disabled !== undefined && patch.disabled !== !!cur.disabled) {
    set.disabled = patch.disabled ? 1 : 0;
    entries.push({ field: 'disabled', old: !!cur.disabled, new: patch.disabled });
  }
  if (patch.passwordHash !== undefined) {
    set.password_hash = patch.passwordHash;
    set.failed_logins = 0;
    set.locked_until = null;
    entries.push({ field: 'password', old: '***', new: '***' });
  }
  await db.updateTable('users').set(set).where('id', '=', id).execute();
  // A changed password, role, org or a disabled account ends every session.
  if (set.password_hash || set.role || set.org_id || set.disabled) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  await audit(db, actor, entries.map((e) => ({ action: 'user.update', entity: 'user', entityId: id, ...e })));
  return { success: true, data: toUser({ ...cur, ...set } as UserTable) };
}

export async function listUsers(db: Kysely<DB>, orgPath: string | null): Promise<(User & { orgName: string })[]> {
  let q = db.selectFrom('users').innerJoin('orgs', 'orgs.id', 'users.org_id').selectAll('users').select('orgs.name as org_name');
  if (orgPath) q = q.where('orgs.path', 'like', `${orgPath}%`);
  const rows = await q.orderBy('users.username').execute();
  return rows.map((r) => ({ ...toUser(r), orgName: r.org_name }));
}
