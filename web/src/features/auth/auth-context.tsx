/** The logged-in user for the whole app, plus what each role may see. */
import { createContext, useContext } from 'react';
import type { Me } from '../../../../src/shared/api-types';
import type { Role } from '../../../../src/shared/statuses';

export type AuthValue = { me: Me; logout: () => Promise<void> };

export const AuthContext = createContext<AuthValue | null>(null);

/** The current user; only used below the logged-in layout. */
export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthContext');
  return v;
}

/** The current user or null (pages that also work without login). */
export function useOptionalAuth(): AuthValue | null {
  return useContext(AuthContext);
}

/** Roles that may read the consolidated table. */
export const canReadTable = (role: Role) =>
  role === 'admin' || role === 'supervisor' || role === 'leader' || role === 'deputy';
/** Roles that open rounds, review and publish (the server decides per report via allowedActions). */
export const isStaff = (role: Role) => role === 'admin' || role === 'supervisor';
export const isReporter = (role: Role) => role === 'reporter';
