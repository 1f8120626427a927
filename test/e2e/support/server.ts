/**
 * The real server, in-process, on a free loopback port, with a temp SQLite file and the sample data
 * (as `jixiao serve --sample` does), minus one sample file kept back for the import test.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSample, startServer, DEMO_ACCOUNTS } from '../../../src/cli/commands/serve.js';
import { ROOT, WEB_DIST } from './web-build.js';

export const IMPORT_SAMPLE = '000_3e14c9280df4d171.txt';
export const ACCOUNTS = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.role, { username: a.username, password: a.password }])) as Record<
  'admin' | 'finance_reviewer' | 'dept_reviewer' | 'filler', { username: string; password: string }
>;

export async function startTestServer() {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-'));
  const samples = join(dir, 'samples');
  mkdirSync(samples);
  for (const f of readdirSync(join(ROOT, 'samples'))) if (f !== IMPORT_SAMPLE) copyFileSync(join(ROOT, 'samples', f), join(samples, f));
  const server = await startServer({ db: join(dir, 'jixiao.sqlite'), port: 0, host: '127.0.0.1', staticDir: WEB_DIST, log: () => {} });
  const seeded = await seedSample(server.store, samples);
  return {
    url: server.url,
    seeded,
    importFile: join(ROOT, 'samples', IMPORT_SAMPLE),
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
