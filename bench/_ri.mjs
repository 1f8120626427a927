import { register } from 'tsx/esm/api';
register();
const { openStore } = await import('../src/store/db.ts');
const s = await openStore('postgres://postgres@127.0.0.1:5432/test', { schema: 'jx_ri' });
await s.close();
