import { useMutation } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useResidentSession } from '../../../app/session/resident-session-context';
import { OpenTrackedLinkDocument } from '../../../gql/graphql';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { StatusPanel } from '../../../shared/ui/status-panel';
import { linkDestination } from '../lib/open-link';

/**
 * /liff/r/<token>: a resident's tap on a link from a delivery sent with 「反応を記録する」
 * (docs/adr/0016). Signed in, the tap is recorded and the page goes to the URL the server stored;
 * otherwise it goes through the plain redirect, which counts the tap without knowing who.
 */
export function OpenLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const { state } = useResidentSession();
  const [openTrackedLink] = useMutation(OpenTrackedLinkDocument);
  const [invalid, setInvalid] = useState(false);
  useDocumentTitle(invalid ? t('links.invalid.title') : t('links.opening.title'));

  const signedIn = state.status === 'signedIn';
  useEffect(() => {
    let cancelled = false;
    void linkDestination(token, {
      signedIn,
      origin: window.location.origin,
      async open(value) {
        const { data } = await openTrackedLink({ variables: { token: value } });
        if (!data) throw new Error('openTrackedLink returned no data');
        return data.openTrackedLink;
      },
    }).then((destination) => {
      if (cancelled) return;
      // Replace: the back button returns to the talk, not to this page that would go on again.
      if (destination.kind === 'go') window.location.replace(destination.url);
      else setInvalid(true);
    });
    return () => {
      cancelled = true;
    };
  }, [token, signedIn, openTrackedLink]);

  if (invalid)
    return (
      <StatusPanel tone="error" title={t('links.invalid.title')}>
        <p>{t('links.invalid.description')}</p>
      </StatusPanel>
    );
  return (
    <StatusPanel tone="busy" title={t('links.opening.title')}>
      <p>{t('links.opening.description')}</p>
    </StatusPanel>
  );
}
