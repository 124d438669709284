import { useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MyAttributesDocument, UpdateMyAttributesDocument } from '../../../gql/graphql';
import type { MyAttributesFieldsFragment } from '../../../gql/graphql';
import { toApiError } from '../../../shared/lib/api-error';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { Button, ButtonLink } from '../../../shared/ui/button';
import { StatusPanel } from '../../../shared/ui/status-panel';
import { SettingsView } from '../components/settings-view';
import { initialDraft, toInputs, type Draft } from '../lib/settings-draft';

/** BAD_USER_INPUT's Japanese messages by attribute key. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const fields = (error.errors[0]?.extensions as { fields?: unknown } | undefined)?.fields;
  return typeof fields === 'object' && fields !== null ? (fields as Record<string, string>) : {};
}

/** 受信設定 (RES-08, RES-09): the resident's own attributes, reached from the rich menu at /liff/settings. */
export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  const { data, error, loading, refetch } = useQuery(MyAttributesDocument, { fetchPolicy: 'network-only' });
  if (error && !data) {
    return (
      <StatusPanel
        tone="error"
        title={t('settings.loadFailed')}
        actions={<Button onClick={() => void refetch()}>{t('settings.retry')}</Button>}
      >
        {toApiError(error).message}
      </StatusPanel>
    );
  }
  if (loading || !data) return <StatusPanel tone="busy" title={t('settings.loading')} />;
  return <SettingsEditor settings={data.myAttributes} />;
}

function SettingsEditor({ settings }: { settings: MyAttributesFieldsFragment }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(settings.fields, settings.values));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saved' | 'failed' | 'invalid'>('idle');
  const [save, saving] = useMutation(UpdateMyAttributesDocument);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setStatus('idle');
    save({ variables: { values: toInputs(settings.fields, draft) } }).then(
      (res) => {
        const saved = res.data?.updateMyAttributes;
        if (saved) setDraft(initialDraft(saved.fields, saved.values));
        setErrors({});
        setStatus('saved');
      },
      (err: unknown) => {
        const fields = fieldErrors(err);
        setErrors(fields);
        setStatus(Object.keys(fields).length ? 'invalid' : 'failed');
      },
    );
  };

  return (
    <SettingsView
      fields={settings.fields}
      draft={draft}
      errors={errors}
      status={status}
      saving={saving.loading}
      onSubmit={onSubmit}
      onChange={(key, entry) => {
        setDraft((d) => ({ ...d, [key]: entry }));
        setStatus('idle');
      }}
      footer={
        <ButtonLink to="/" block>
          {t('settings.backToHome')}
        </ButtonLink>
      }
    />
  );
}
