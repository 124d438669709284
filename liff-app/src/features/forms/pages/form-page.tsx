import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { FormDefinition } from '@machi/form-engine';
import { ResidentFormDocument, SaveFormDraftDocument, SubmitFormDocument } from '../../../gql/graphql';
import { toApiError } from '../../../shared/lib/api-error';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { Button } from '../../../shared/ui/button';
import { AlertIcon } from '../../../shared/ui/icons';
import { StatusPanel } from '../../../shared/ui/status-panel';
import { AvailabilityPanel } from '../components/availability-panel';
import { FormRunner } from '../components/form-runner';
import type { ResidentFormView, SubmitInput, SubmitOutcome } from '../components/form-types';
import { browserSessionStorage, sanitizeAnswers, type AnswerMap } from '../lib/answer-storage';
import { fieldErrorsOf } from '../lib/server-errors';
import { useFormSession } from '../lib/use-form-session';

/** `/liff/forms/:formId`: any published form, in LIFF or a plain browser. */
export function FormPage() {
  const { t } = useTranslation();
  const { formId = '' } = useParams();
  // A delivery's form card names its run (`?via=`, signed by the server): passed on as given, checked there.
  const [search] = useSearchParams();
  const via = search.get('via');
  const { signedIn, login } = useFormSession();
  // Availability, prefill and draft change with time and with the session: always ask the server.
  const { data, error, loading, refetch } = useQuery(ResidentFormDocument, { variables: { id: formId }, fetchPolicy: 'network-only' });
  const [submitForm] = useMutation(SubmitFormDocument);
  const [saveFormDraft] = useMutation(SaveFormDraftDocument);
  const form = data?.residentForm;
  useDocumentTitle(form?.title ?? t('forms.loading'));

  const submit = useCallback(
    async (input: SubmitInput): Promise<SubmitOutcome> => {
      if (!form) return { kind: 'failed', message: t('forms.submitFailed') };
      try {
        const result = await submitForm({
          variables: {
            input: {
              formId: form.id,
              versionId: form.versionId,
              answers: input.answers,
              contactEmail: input.contactEmail,
              ...(input.uploadToken ? { uploadToken: input.uploadToken } : {}),
              ...(via ? { via } : {}),
            },
          },
        });
        const payload = result.data?.submitForm;
        if (!payload) return { kind: 'failed', message: t('forms.submitFailed') };
        return {
          kind: 'ok',
          submissionId: payload.submissionId,
          receiptNumber: payload.receiptNumber,
          thankYouMessage: payload.thankYouMessage ?? null,
          accessKey: payload.accessKey ?? null,
        };
      } catch (err) {
        const fields = fieldErrorsOf(err);
        if (fields) return { kind: 'fieldErrors', errors: fields };
        const api = toApiError(err);
        if (api.kind === 'rateLimited') return { kind: 'failed', message: t('forms.rateLimited') };
        // The server's own words for a closed form or a second answer are written for residents.
        return { kind: 'failed', message: api.kind !== 'network' && api.message ? api.message : t('forms.submitFailed') };
      }
    },
    [form, submitForm, t, via],
  );

  const saveDraft = useCallback(
    async (answers: AnswerMap, pageId: string | null) => {
      await saveFormDraft({ variables: { formId, answers, pageId } });
    },
    [formId, saveFormDraft],
  );

  if (loading && !form) return <StatusPanel tone="busy" title={t('forms.loading')} />;
  if (error || !form) {
    const api = error ? toApiError(error) : null;
    if (!error || api?.code === 'NOT_FOUND') {
      return (
        <StatusPanel tone="info" title={t('forms.loadFailed')} icon={<AlertIcon />}>
          <p>{t('forms.notFound')}</p>
        </StatusPanel>
      );
    }
    return (
      <StatusPanel
        tone="error"
        title={t('forms.loadFailed')}
        icon={<AlertIcon />}
        actions={
          <Button block onClick={() => void refetch()}>
            {t('forms.retry')}
          </Button>
        }
      >
        <p>{api?.kind === 'network' ? t('session.error.network') : (api?.message ?? t('session.error.server'))}</p>
      </StatusPanel>
    );
  }

  if (!form.availability.open) {
    return (
      <AvailabilityPanel
        formId={form.id}
        title={form.title}
        code={form.availability.code ?? null}
        reason={form.availability.reason ?? null}
        opensAt={form.opensAt ?? null}
        closesAt={form.closesAt ?? null}
        signedIn={signedIn}
        onLogin={login}
      />
    );
  }

  const view: ResidentFormView = {
    id: form.id,
    title: form.title,
    description: form.description ?? null,
    kind: form.kind,
    versionId: form.versionId,
    // The server only publishes definitions that passed checkDefinition.
    definition: form.definition as FormDefinition,
    askContactEmail: form.askContactEmail,
    thankYouMessage: form.thankYouMessage ?? null,
    prefill: sanitizeAnswers(form.prefill),
    draft: form.draft
      ? { answers: sanitizeAnswers(form.draft.answers), pageId: form.draft.pageId ?? null, savedAt: form.draft.savedAt }
      : null,
  };
  return (
    <FormRunner
      key={`${form.id}:${form.versionId}`}
      form={view}
      signedIn={signedIn}
      storage={browserSessionStorage()}
      submit={submit}
      {...(signedIn ? { saveDraft } : {})}
    />
  );
}
