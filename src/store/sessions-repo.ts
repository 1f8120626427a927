import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Role } from './schema.js';
import { iso } from './db.js';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  user: { id: string; username: string; displayName: string; role: Role; orgId: string; orgPath: string; orgName: string };
}

/** A new session: the cookie token is returned once and only its hash is stored. */
export async function createSession(db: Kysely<DB>, userId: string, ttlMs: number, now: number): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = iso(now + ttlMs);
  await db.insertInto('sessions').values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, created_at: iso(now), expires_at: expiresAt }).execute();
  return { token, csrfToken, expiresAt };
}

export async function getSession(db: Kysely<DB>, token: string, now: number): Promise<SessionUser | null> {
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'sessions.id as sid', 'sessions.csrf_token', 'sessions.expires_at', 'users.id as uid', 'users.username',
      'users.display_name', 'users.role', 'users.org_id', 'users.disabled', 'orgs.path', 'orgs.name as org_name',
    ])
    .where('sessions.id', '=', sha256(token))
    .executeTakeFirst();
  if (!r || r.disabled || r.expires_at <= iso(now)) return null;
  return {
    sessionId: r.sid, csrfToken: r.csrf_token, expiresAt: r.expires_at,
    user: { id: r.uid, username: r.username, displayName: r.display_name, role: r.role, orgId: r.org_id, orgPath: r.path, orgName: r.org_name },
  };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', iso(now)).executeTakeFirst();
  return Number(r.numDeletedRows);
}
