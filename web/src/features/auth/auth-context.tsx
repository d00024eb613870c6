/**
 * The logged-in user for the whole app. What the user may do comes from the server (`me.abilities`, `me.home`, and
 * `abilities` on every resource); the web has no role rules of its own.
 */
import { createContext, useContext } from 'react';
import type { Me } from '../../../../src/shared/api-types';

/** `replaceMe`: the answer of a password change (a new session, the forced change lifted). */
export type AuthValue = { me: Me; logout: () => Promise<void>; replaceMe: (me: Me) => void };

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
