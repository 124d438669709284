import { useQuery } from '@apollo/client/react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ViewerDocument } from '../../gql/graphql';
import { describeApiError } from '../../shared/lib/graphql-errors';
import { FullPageError } from '../../shared/ui/full-page-error';
import { FullPageSpin } from '../../shared/ui/full-page-spin';
import { loginPath } from './next-path';
import { ViewerProvider } from './viewer-context';

export type SessionGateMode = 'app' | 'passwordChange' | 'totpEnrolment';

const PASSWORD_CHANGE_PATH = '/password-change';
const TOTP_ENROLMENT_PATH = '/totp-enrolment';

/**
 * Lets a signed-in staff member through to the routes below, and sends everyone else where they
 * must go first: the login page, the forced password change, or the forced TOTP enrolment.
 */
export function SessionGate({ mode }: { mode: SessionGateMode }) {
  const location = useLocation();
  const { data, error, loading, refetch } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });

  if (loading && !data) return <FullPageSpin />;

  if (error) {
    const info = describeApiError(error);
    if (info.code === 'UNAUTHENTICATED') {
      return <Navigate to={loginPath({ reason: 'expired', next: location.pathname + location.search })} replace />;
    }
    return (
      <FullPageError
        error={error}
        onRetry={() => {
          void refetch();
        }}
      />
    );
  }

  const viewer = data?.viewer;
  if (!viewer) {
    return <Navigate to={loginPath({ next: location.pathname + location.search })} replace />;
  }

  if (viewer.mustChangePassword) {
    if (mode !== 'passwordChange') return <Navigate to={PASSWORD_CHANGE_PATH} replace />;
  } else if (viewer.totpEnrolmentRequired) {
    if (mode !== 'totpEnrolment') return <Navigate to={TOTP_ENROLMENT_PATH} replace />;
  } else if (mode !== 'app') {
    return <Navigate to="/" replace />;
  }

  return (
    <ViewerProvider viewer={viewer}>
      <Outlet />
    </ViewerProvider>
  );
}
