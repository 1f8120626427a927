import { createContext, useContext } from 'react';
import type { Role, SessionInfo } from '../api/types.js';

export interface SessionCtx {
  session: SessionInfo;
  logout(): void;
}

export const SessionContext = createContext<SessionCtx | null>(null);

export function useSession(): SessionCtx {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

export const isReviewer = (r: Role) => r === 'dept_reviewer' || r === 'finance_reviewer' || r === 'admin';
export const canEdit = (r: Role) => r === 'filler' || r === 'admin';
