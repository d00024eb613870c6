/**
 * Before the login page: asks the server whether the installation still needs its first run (no account yet) and
 * then shows the setup page instead of the login form. Any failure of the check shows the login form.
 */
import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { adminApi } from '../admin/admin-api';

const SetupPage = lazy(() => import('./setup-page'));

export function SetupGate({ children }: { children: ReactNode }) {
  /** undefined while asking. */
  const [needed, setNeeded] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    adminApi
      .setupState()
      .then((s) => live && setNeeded(s.needed))
      .catch(() => live && setNeeded(false));
    return () => {
      live = false;
    };
  }, []);
  const spin = (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
  if (needed === undefined) return spin;
  if (!needed) return <>{children}</>;
  return (
    <Suspense fallback={spin}>
      <SetupPage onDone={() => setNeeded(false)} />
    </Suspense>
  );
}
