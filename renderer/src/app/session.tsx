import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import type { Permission } from '../../../shared/domain/roles';

export interface SessionValue {
  user: SessionUser;
  facilityName: string;
  signOut(): void;
  /** Locks the station now (as the idle lock does): the session and unsaved work wait for this person. */
  lock(): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in shell');
  return s;
}

/** For hiding what a person cannot use; main enforces the same rule on every call. */
export function useCan(permission: Permission): boolean {
  return useSession().user.permissions.includes(permission);
}
