import type { Kysely } from 'kysely';
import type { DB, AuditTable } from './schema.js';
import { iso, timeId } from './db.js';
import { insertMany } from './insert-many.js';

/** Who did it: a user, or the system (null id) for imports from the CLI and migrations. */
export interface Actor {
  id: string | null;
  name: string | null;
}
export const SYSTEM: Actor = { id: null, name: 'system' };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  field?: string | null;
  old?: unknown;
  new?: unknown;
}

const enc = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Append to the log. There is no update or delete here, and triggers refuse them in the database too. */
export async function audit(db: Kysely<DB>, actor: Actor, entries: AuditEntry | AuditEntry[], at: number = Date.now()): Promise<void> {
  const rows = auditRows(actor, Array.isArray(entries) ? entries : [entries], at);
  await insertMany(db, 'audit_log', rows);
}

/** The rows audit() appends (exported for the bulk-insert floor of the benchmark). */
export function auditRows(actor: Actor, list: AuditEntry[], at: number): AuditTable[] {
  return list.map((e) => ({
        id: timeId(at),
        at: iso(at),
        actor_id: actor.id,
        actor_name: actor.name,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId ?? null,
        field: e.field ?? null,
        old_value: enc(e.old),
        new_value: enc(e.new),
      }));
}

export interface AuditRecord {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  field: string | null;
  old: unknown;
  new: unknown;
}

const dec = (v: string | null): unknown => (v == null ? null : JSON.parse(v));

export function toAuditRecord(r: AuditTable): AuditRecord {
  return {
    id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action,
    entity: r.entity, entityId: r.entity_id, field: r.field, old: dec(r.old_value), new: dec(r.new_value),
  };
}

export async function listAudit(
  db: Kysely<DB>,
  f: { entity?: string; entityId?: string; actorId?: string; limit?: number; offset?: number } = {},
): Promise<{ items: AuditRecord[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'asc').limit(f.limit ?? 100).offset(f.offset ?? 0).execute();
  return { items: rows.map(toAuditRecord), total: Number(total) };
}
