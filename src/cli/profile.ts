import { profiles, type Profile } from '../scoring/profile.js';
import { UsageError } from './exit.js';

/** The jurisdiction profile named on the command line; an unknown id is a usage error. */
export function cliProfile(id: string): Profile {
  const p = (profiles as Record<string, Profile>)[id];
  if (!p) throw new UsageError(`未知的地区口径 ${id}（可选 ${Object.keys(profiles).join('|')}）/ unknown profile`);
  return p;
}
