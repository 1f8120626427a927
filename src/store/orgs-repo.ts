import type { Kysely } from 'kysely';
import type { DB, OrgKind, OrgTable } from './schema.js';
import { iso, newId } from './db.js';
import { audit, type Actor } from './audit-repo.js';

export interface Org {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  path: string;
}

export const toOrg = (r: OrgTable): Org => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id, path: r.path });

/** Which kind a child of `parent` must be: 财政局 → 主管部门 → 实施单位. */
export function childKind(parent: OrgKind | null): OrgKind | null {
  if (parent === null) return 'finance';
  if (parent === 'finance') return 'department';
  if (parent === 'department') return 'unit';
  return null;
}

export const normName = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').trim();

export async function getOrg(db: Kysely<DB>, id: string): Promise<Org | null> {
  const r = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toOrg(r) : null;
}

/** All orgs in the subtree at `path` (every org when path is null), ordered by path. */
export async function listOrgs(db: Kysely<DB>, path: string | null): Promise<Org[]> {
  let q = db.selectFrom('orgs').selectAll();
  if (path) q = q.where('path', 'like', `${path}%`);
  return (await q.orderBy('path').execute()).map(toOrg);
}

export type CreateOrgResult =
  | { success: true; data: Org }
  | { success: false; error: { code: 'bad-parent' | 'bad-kind' | 'duplicate-name'; message: string } };

export async function createOrg(
  db: Kysely<DB>,
  actor: Actor,
  input: { name: string; kind?: OrgKind; parentId: string | null },
): Promise<CreateOrgResult> {
  const name = input.name.trim();
  const parent = input.parentId ? await getOrg(db, input.parentId) : null;
  if (input.parentId && !parent) return { success: false, error: { code: 'bad-parent', message: '上级单位不存在' } };
  const kind = childKind(parent?.kind ?? null);
  if (!kind || (input.kind && input.kind !== kind))
    return { success: false, error: { code: 'bad-kind', message: `此处只能建立 ${kind ?? '（无）'} 类单位` } };
  const siblings = await db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where((eb) => (parent ? eb('parent_id', '=', parent.id) : eb('parent_id', 'is', null)))
    .execute();
  if (siblings.some((s) => normName(s.name) === normName(name)))
    return { success: false, error: { code: 'duplicate-name', message: `同级已有单位“${name}”` } };
  const id = newId();
  const row: OrgTable = { id, name, kind, parent_id: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, created_at: iso() };
  await db.insertInto('orgs').values(row).execute();
  await audit(db, actor, { action: 'org.create', entity: 'org', entityId: id, new: { name, kind, parentId: row.parent_id } });
  return { success: true, data: toOrg(row) };
}

export async function renameOrg(db: Kysely<DB>, actor: Actor, id: string, name: string): Promise<Org | null> {
  const org = await getOrg(db, id);
  if (!org) return null;
  await db.updateTable('orgs').set({ name }).where('id', '=', id).execute();
  await audit(db, actor, { action: 'org.rename', entity: 'org', entityId: id, field: 'name', old: org.name, new: name });
  return { ...org, name };
}

export const DEFAULT_ROOT_NAME = '财政局';

/** The 财政局 root (the first one when there are several), created when the store is empty. */
export async function ensureRoot(db: Kysely<DB>, actor: Actor, name = DEFAULT_ROOT_NAME): Promise<Org> {
  const r = await db.selectFrom('orgs').selectAll().where('parent_id', 'is', null).orderBy('created_at').orderBy('id').executeTakeFirst();
  if (r) return toOrg(r);
  const res = await createOrg(db, actor, { name, parentId: null });
  if (!res.success) throw new Error(res.error.message);
  return res.data;
}

/** The child of `parent` whose name matches (spaces and full-width forms ignored). */
export async function findChild(db: Kysely<DB>, parentId: string, name: string): Promise<Org | null> {
  const rows = await db.selectFrom('orgs').selectAll().where('parent_id', '=', parentId).execute();
  const n = normName(name);
  const r = rows.find((x) => normName(x.name) === n);
  return r ? toOrg(r) : null;
}

export const inSubtree = (org: { path: string }, ancestorPath: string): boolean => org.path.startsWith(ancestorPath);
