import type { Migration } from 'kysely';
import { initial } from './2026-11-22-001-initial.js';
import { stats } from './2026-11-24-002-stats.js';
import { sortIndexes } from './2026-11-24-003-sort-indexes.js';
import { search } from './2026-11-24-004-search.js';
import { sortTiebreak } from './2026-11-24-005-sort-tiebreak.js';
import { searchAutomerge } from './2026-11-25-006-search-automerge.js';
import { listIndex } from './2026-11-25-007-list-index.js';
import { searchYear } from './2026-11-25-008-search-year.js';

/** Every migration, in order of its key. Static so it works under tsx and when bundled. */
export const migrations: Record<string, Migration> = {
  '2026-11-22-001-initial': initial,
  '2026-11-24-002-stats': stats,
  '2026-11-24-003-sort-indexes': sortIndexes,
  '2026-11-24-004-search': search,
  '2026-11-24-005-sort-tiebreak': sortTiebreak,
  '2026-11-25-006-search-automerge': searchAutomerge,
  '2026-11-25-007-list-index': listIndex,
  '2026-11-25-008-search-year': searchYear,
};
