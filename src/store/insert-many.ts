import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import { isPostgres } from './dialect.js';

/** Multi-row INSERTs under the bound-parameter limits of both dialects (SQLite 32766, PostgreSQL 65535). */
export async function insertMany<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  // Raw compiled SQL: the query builder would allocate an AST node per value (GC-bound on bulk imports).
  // Table and column names come from the code, never from input; every value is a bound parameter.
  const cols = Object.keys(rows[0] as object);
  const pg = isPostgres(db);
  const per = Math.max(1, Math.floor(30_000 / cols.length));
  const head = `insert into ${table} (${cols.join(', ')}) values `;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per) as Record<string, unknown>[];
    const params: unknown[] = new Array(chunk.length * cols.length);
    const tuples: string[] = new Array(chunk.length);
    let n = 0;
    for (let r = 0; r < chunk.length; r++) {
      const ph: string[] = new Array(cols.length);
      for (let c = 0; c < cols.length; c++) {
        params[n++] = chunk[r][cols[c]] ?? null;
        ph[c] = pg ? `$${n}` : '?';
      }
      tuples[r] = `(${ph.join(', ')})`;
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', '), params));
  }
}
