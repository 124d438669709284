import { useTranslation } from 'react-i18next';
import { knownPurpose } from '../lib/mail-display';

/** A purpose the console knows by its name (mail.test → テストメール); any other as the server's code. */
export function MailPurpose({ purpose }: { purpose: string }) {
  const { t } = useTranslation();
  const known = knownPurpose(purpose);
  return known ? <span>{t(`mail.purposes.${known}`)}</span> : <code>{purpose}</code>;
}
