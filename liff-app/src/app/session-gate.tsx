import { isFormsPath } from '../features/forms/forms.routes';
import { isLinkPath } from '../features/links/links.routes';
import { isPublicCommentPath } from '../features/public-comment/public-comment.routes';
import { BootstrapErrorPanel } from '../features/session/components/bootstrap-error-panel';
import { BootstrapLoadingPanel } from '../features/session/components/bootstrap-loading-panel';
import { LineLoginPanel } from '../features/session/components/line-login-panel';
import { AppLayout } from './layout/app-layout';
import { AppRouter } from './router';
import { useResidentSession } from './session/resident-session-context';

/** Shows the app once the resident is known; until then the loading, error or login screen. */
export function SessionGate() {
  const { state, retry, login, relogin } = useResidentSession();
  switch (state.status) {
    case 'loading':
      return (
        <AppLayout>
          <BootstrapLoadingPanel step={state.step} />
        </AppLayout>
      );
    case 'error':
      // A link leads to its page whatever went wrong with signing in (it is then counted without knowing who).
      if (isLinkPath(window.location.pathname)) return <AppRouter />;
      return (
        <AppLayout>
          <BootstrapErrorPanel
            error={state.error}
            canRelogin={state.environment !== null && !state.environment.inClient}
            onRetry={retry}
            onRelogin={relogin}
          />
        </AppLayout>
      );
    case 'signedOut':
      // Forms that allow plain browsers open without LINE; their pages ask for a login when needed.
      // A link from a delivery also leads to its page without LINE.
      if (isFormsPath(window.location.pathname) || isPublicCommentPath(window.location.pathname) || isLinkPath(window.location.pathname))
        return <AppRouter />;
      return (
        <AppLayout>
          <LineLoginPanel onLogin={login} />
        </AppLayout>
      );
    case 'signedIn':
    case 'preview':
      return <AppRouter />;
  }
}
