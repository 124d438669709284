import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { applyResidentLanguage } from '../i18n/i18n';
import { runBootstrap, type BootstrapDeps, type BootstrapState } from './bootstrap';
import { ResidentSessionContext, type ResidentSession } from './resident-session-context';

function currentUrl(): string {
  return window.location.href;
}

export function ResidentSessionProvider({ deps, children }: { deps: BootstrapDeps; children: ReactNode }) {
  const [state, setState] = useState<BootstrapState>({ status: 'loading', step: 'config' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // A stale run (unmounted, or superseded by a retry) must not overwrite the newer state.
    let current = true;
    void runBootstrap(deps, (next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
  }, [deps, attempt]);

  const residentLanguage = state.status === 'signedIn' ? state.resident.language : null;
  useEffect(() => {
    if (residentLanguage !== null) applyResidentLanguage(residentLanguage);
  }, [residentLanguage]);

  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  const login = useCallback(() => {
    if (state.status !== 'signedOut' || state.environment.inClient) {
      retry();
      return;
    }
    state.environment.liff.login({ redirectUri: currentUrl() });
  }, [state, retry]);

  const relogin = useCallback(() => {
    const environment = state.status === 'error' ? state.environment : null;
    if (!environment || environment.inClient) {
      retry();
      return;
    }
    if (environment.liff.isLoggedIn()) environment.liff.logout();
    environment.liff.login({ redirectUri: currentUrl() });
  }, [state, retry]);

  const signOut = useCallback(async () => {
    if (state.status !== 'signedIn') return true;
    const { environment } = state;
    try {
      await deps.api.signOut();
    } catch {
      return false;
    }
    if (!environment.inClient && environment.liff.isLoggedIn()) environment.liff.logout();
    setState({ status: 'signedOut', environment });
    return true;
  }, [deps, state]);

  const value = useMemo<ResidentSession>(() => ({ state, retry, login, relogin, signOut }), [state, retry, login, relogin, signOut]);
  return <ResidentSessionContext value={value}>{children}</ResidentSessionContext>;
}
