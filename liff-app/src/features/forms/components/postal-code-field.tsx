import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizePostalCode, type FormField } from '@machi/form-engine';
import { addressText, lookUpPostalCode, type PostalAddress } from '../lib/postal-code';
import type { FieldControlProps } from './field-control';
import { controlAria, fieldIds } from './field-shell';
import { LabelledField } from './field-shell';
import styles from './form-fields.module.css';

type Status =
  | { kind: 'idle' }
  | { kind: 'looking' }
  | { kind: 'message'; text: string; problem: boolean }
  | { kind: 'choose'; addresses: PostalAddress[] };

/** A postal code; with `addressField`, seven digits fill that field from the server's postal dataset. */
export function PostalCodeField({
  field,
  value,
  error,
  onChange,
  onChangeOther,
}: FieldControlProps & { field: Extract<FormField, { type: 'postalCode' }> }) {
  const { t } = useTranslation();
  const ids = fieldIds(field.id);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const lookedUp = useRef<string | null>(null);
  const request = useRef(0);
  const addressField = field.addressField;

  const fill = (address: PostalAddress) => {
    if (!addressField) return;
    const text = addressText(address);
    onChangeOther(addressField, text);
    setStatus({ kind: 'message', text: t('forms.postal.filled', { address: text }), problem: false });
  };

  const lookUp = async (input: string) => {
    const code = normalizePostalCode(input);
    if (!code) {
      setStatus({ kind: 'message', text: t('forms.postal.invalid'), problem: true });
      return;
    }
    lookedUp.current = code;
    const mine = ++request.current;
    setStatus({ kind: 'looking' });
    const result = await lookUpPostalCode(code);
    // A newer code typed meanwhile wins.
    if (mine !== request.current) return;
    switch (result.kind) {
      case 'found':
        if (result.addresses.length === 1) fill(result.addresses[0]!);
        else setStatus({ kind: 'choose', addresses: result.addresses });
        break;
      case 'notFound':
        setStatus({ kind: 'message', text: t('forms.postal.notFound'), problem: true });
        break;
      case 'invalid':
        setStatus({ kind: 'message', text: t('forms.postal.invalid'), problem: true });
        break;
      case 'failed':
        setStatus({ kind: 'message', text: t('forms.postal.failed'), problem: true });
        break;
    }
  };

  const text = typeof value === 'string' ? value : '';
  return (
    <LabelledField field={field} error={error}>
      <div className={styles.inline}>
        <input
          {...controlAria(field, error, addressField && ids.extra)}
          className={[styles.input, styles.medium].join(' ')}
          type="text"
          inputMode="numeric"
          autoComplete="postal-code"
          value={text}
          onChange={(e) => {
            onChange(e.target.value);
            const code = normalizePostalCode(e.target.value);
            // Typing the seventh digit looks the address up once; the button looks it up again.
            if (addressField && code && code !== lookedUp.current) void lookUp(code);
          }}
        />
        {addressField ? (
          <button type="button" className={styles.secondaryButton} onClick={() => void lookUp(text)}>
            {t('forms.postal.lookup')}
          </button>
        ) : null}
      </div>
      {addressField ? (
        <>
          <p id={ids.extra} className={styles.help}>
            {t('forms.postal.hint')}
          </p>
          <div role="status" className={styles.status}>
            {status.kind === 'looking' ? t('forms.postal.looking') : null}
            {status.kind === 'message' ? <span className={status.problem ? styles.statusProblem : undefined}>{status.text}</span> : null}
          </div>
          {status.kind === 'choose' ? (
            <div className={styles.addressChoices} role="group" aria-label={t('forms.postal.choose')}>
              {status.addresses.map((address, i) => (
                <button key={i} type="button" className={styles.secondaryButton} onClick={() => fill(address)}>
                  {addressText(address)}
                </button>
              ))}
            </div>
          ) : null}
        </>
      ) : null}
    </LabelledField>
  );
}
