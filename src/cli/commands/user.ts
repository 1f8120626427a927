import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { UsageError } from '../exit.js';
import { DB_HELP, withCliStore } from './db-option.js';
import { ROLES, type Role } from '../../store/schema.js';
import { SYSTEM } from '../../store/audit-repo.js';
import { createUser, getUserByName, listUsers, updateUser } from '../../store/users-repo.js';
import { normName } from '../../store/orgs-repo.js';
import { hashPassword, PASSWORD_MIN } from '../../store/passwords.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

async function readPassword(given?: string): Promise<string> {
  const pw = given ?? process.env.JIXIAO_PASSWORD ?? (await readLine('密码 / password: '));
  if (pw.length < PASSWORD_MIN) throw new UsageError(`密码至少 ${PASSWORD_MIN} 位 / password too short`);
  return pw;
}

function readLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin });
  return new Promise((res) => {
    let got = false;
    rl.once('line', (l) => { got = true; rl.close(); res(l.trim()); });
    rl.once('close', () => { if (!got) res(''); });
  });
}

async function findOrg(db: Kysely<DB>, org: string) {
  const byId = await db.selectFrom('orgs').selectAll().where('id', '=', org).executeTakeFirst();
  if (byId) return byId;
  const all = await db.selectFrom('orgs').selectAll().execute();
  const hits = all.filter((o) => normName(o.name) === normName(org));
  if (hits.length === 1) return hits[0];
  throw new UsageError(hits.length ? `单位名“${org}”不唯一，请用 id / ambiguous org name` : `找不到单位“${org}” / no such org`);
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('用户管理（管理员）/ manage users');
  user
    .command('add')
    .description('新建用户 / add a user')
    .argument('<username>')
    .requiredOption('--role <role>', `角色 / role: ${ROLES.join('|')}`)
    .requiredOption('--org <org>', '所属单位（名称或 id）/ organisation name or id')
    .option('--password <password>', '密码（否则读取 $JIXIAO_PASSWORD 或标准输入）/ password (else $JIXIAO_PASSWORD or stdin)')
    .option('--name <displayName>', '显示名 / display name')
    .option('--db <target>', DB_HELP)
    .action(async (username: string, opts: { role: string; org: string; password?: string; name?: string; db?: string }) => {
      if (!ROLES.includes(opts.role as Role)) throw new UsageError(`未知角色 ${opts.role} / unknown role`);
      await withCliStore(opts.db, async (store) => {
        const org = await findOrg(store.db, opts.org);
        const passwordHash = await hashPassword(await readPassword(opts.password));
        const r = await store.db.transaction().execute((trx) => createUser(trx, SYSTEM, { username, passwordHash, role: opts.role as Role, orgId: org.id, displayName: opts.name }));
        if (!r.success) throw new UsageError(r.error.message);
        process.stdout.write(`已创建 / created ${username} (${opts.role}) @ ${org.name}\n`);
      });
    });
  user
    .command('passwd')
    .description('重设密码并解除锁定 / reset a password (and unlock)')
    .argument('<username>')
    .option('--password <password>', '新密码 / new password')
    .option('--db <target>', DB_HELP)
    .action(async (username: string, opts: { password?: string; db?: string }) => {
      await withCliStore(opts.db, async (store) => {
        const u = await getUserByName(store.db, username);
        if (!u) throw new UsageError(`找不到用户 ${username} / no such user`);
        const passwordHash = await hashPassword(await readPassword(opts.password));
        await store.db.transaction().execute((trx) => updateUser(trx, SYSTEM, u.id, { passwordHash }));
        process.stdout.write(`已重设 / password reset for ${username}\n`);
      });
    });
  user
    .command('list')
    .description('列出用户 / list users')
    .option('--db <target>', DB_HELP)
    .action(async (opts: { db?: string }) => {
      await withCliStore(opts.db, async (store) => {
        for (const u of await listUsers(store.db, null))
          process.stdout.write(`${u.username}\t${u.role}\t${u.orgName}${u.disabled ? '\t(停用 disabled)' : ''}${u.lockedUntil ? `\t(锁定至 locked until ${u.lockedUntil})` : ''}\n`);
      });
    });
}
