import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  computeVisibility,
  isEmail,
  messages,
  validateAnswers,
  validatePage,
  residentPages,
  isResidentPage,
  type AnswerValue,
  type FieldError,
  type FormField,
} from '@machi/form-engine';
import { Banner } from '../../../shared/ui/banner';
import { Button } from '../../../shared/ui/button';
import {
  clearStoredAnswers,
  initialAnswers,
  readStoredAnswers,
  storageKey,
  writeStoredAnswers,
  type AnswerMap,
  type KeyValueStorage,
  type UploadedFile,
} from '../lib/answer-storage';
import { LinkifiedText } from '../lib/linkify';
import { ConfirmationView } from './confirmation-view';
import { allFieldsOf } from './definition-helpers';
import { ErrorSummary, type ShownError } from './error-summary';
import { FieldControl } from './field-control';
import { controlAria, LabelledField } from './field-shell';
import type { ResidentFormView, SubmitInput, SubmitOutcome } from './form-types';
import { ReceiptView } from './receipt-view';
import styles from './form-runner.module.css';

type Step =
  | { kind: 'page'; pageId: string }
  | { kind: 'confirm' }
  | { kind: 'done'; submissionId: string; receiptNumber: string; thankYouMessage: string | null; accessKey: string | null };

export interface FormRunnerProps {
  form: ResidentFormView;
  /** A resident session (not a preview): drafts go to the server and the receipt links to the submission. */
  signedIn: boolean;
  storage: KeyValueStorage | null;
  submit: (input: SubmitInput) => Promise<SubmitOutcome>;
  saveDraft?: (answers: AnswerMap, pageId: string | null) => Promise<void>;
  /** Milliseconds of quiet before a draft is saved to the server. */
  draftDelay?: number;
}

const CONTACT_EMAIL = 'contactEmail';

/** The submitter's own page: by their session, or for a browser by the key in the address's fragment (never sent to servers). */
function submissionPath(id: string, accessKey: string | null, signedIn: boolean): string | null {
  if (signedIn) return `/submissions/${id}`;
  return accessKey ? `/submissions/${id}#key=${encodeURIComponent(accessKey)}` : null;
}

/** Answers page by page with the engine's branching and validation, a confirmation screen and the receipt. */
export function FormRunner({ form, signedIn, storage, submit, saveDraft, draftDelay = 1500 }: FormRunnerProps) {
  const { t } = useTranslation();
  const { definition } = form;
  const key = storageKey(form.id, form.versionId);
  const [start] = useState(() => initialAnswers({ prefill: form.prefill, local: readStoredAnswers(storage, key), draft: form.draft }));
  const [answers, setAnswers] = useState<AnswerMap>(start.answers);
  const [files, setFiles] = useState<Record<string, UploadedFile>>(start.files);
  const [contactEmail, setContactEmail] = useState(() => {
    const stored = start.answers[CONTACT_EMAIL];
    return typeof stored === 'string' ? stored : '';
  });
  const firstPage = residentPages(definition, start.answers)[0]?.id ?? definition.pages[0]?.id ?? '';
  const [step, setStep] = useState<Step>(() => {
    const pages = residentPages(definition, start.answers);
    return { kind: 'page', pageId: pages.some((p) => p.id === start.pageId) ? start.pageId! : firstPage };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [draftSavedAt, setDraftSavedAt] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Where focus goes after the next render: a new step's heading, the error summary, a question to correct.
  const pendingFocus = useRef<'summary' | 'heading' | { field: string } | null>(null);

  const visibility = useMemo(() => computeVisibility(definition, answers), [definition, answers]);
  const pages = useMemo(() => definition.pages.filter((p) => visibility.pages.has(p.id) && isResidentPage(p)), [definition, visibility]);
  const fieldsById = useMemo(() => new Map(allFieldsOf(definition).map((f) => [f.id, f])), [definition]);
  const askEmail = form.askContactEmail && !signedIn;
  const confirmation = definition.confirmation !== false;

  const pageId = step.kind === 'page' ? step.pageId : null;
  // Kept on this device through a reload; the contact address travels with the answers.
  useEffect(() => {
    if (step.kind === 'done') return;
    const stored = askEmail && contactEmail ? { ...answers, [CONTACT_EMAIL]: contactEmail } : answers;
    writeStoredAnswers(storage, key, { answers: stored, pageId, files, savedAt: new Date().toISOString() });
  }, [answers, contactEmail, askEmail, files, key, pageId, step.kind, storage]);

  // Saved to the server after a quiet moment, so a long application resumes on another day.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (!saveDraft || step.kind === 'done') return;
    const timer = window.setTimeout(() => {
      saveDraft(answers, pageId).then(
        () => setDraftSavedAt(new Date().toISOString()),
        // The device copy still holds the answers; the next change tries again.
        () => undefined,
      );
    }, draftDelay);
    return () => window.clearTimeout(timer);
  }, [answers, pageId, saveDraft, draftDelay, step.kind]);

  useEffect(() => {
    const focus = pendingFocus.current;
    if (focus === null) return;
    pendingFocus.current = null;
    if (focus === 'summary') summaryRef.current?.focus();
    else if (focus === 'heading') headingRef.current?.focus();
    else {
      const target = document.getElementById(`q-${focus.field}`);
      target?.focus();
      target?.scrollIntoView({ block: 'center' });
    }
  });

  const [restoredNotice, setRestoredNotice] = useState(start.restored);
  const goTo = useCallback((next: Step) => {
    setStep(next);
    setRestoredNotice(false);
    window.scrollTo(0, 0);
    pendingFocus.current = 'heading';
  }, []);

  const setAnswer = useCallback((fieldId: string, value: AnswerValue) => {
    setAnswers((prev) => ({ ...prev, [fieldId]: value }));
    setErrors((prev) => {
      if (!(fieldId in prev)) return prev;
      const rest = { ...prev };
      delete rest[fieldId];
      return rest;
    });
  }, []);

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    pendingFocus.current = 'summary';
  };

  const emailProblem = (): string | null =>
    askEmail && contactEmail.trim() !== '' && !isEmail(contactEmail.trim()) ? messages.email : null;

  const pageOf = (fieldId: string): string | null => definition.pages.find((p) => p.fields.some((f) => f.id === fieldId))?.id ?? null;
  const lastPageId = pages.at(-1)?.id ?? firstPage;

  const doSubmit = async () => {
    const result = validateAnswers(definition, visibility.answers, { answerer: 'resident' });
    if (!result.ok) {
      backToErrors(result.errors);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    const attached = Object.values(result.values).flatMap((value) => (Array.isArray(value) ? (value as readonly string[]) : []));
    const uploadToken = attached.map((id) => files[id]?.uploadToken).find((token) => token !== undefined) ?? null;
    const outcome = await submit({
      answers: { ...result.values },
      contactEmail: askEmail && contactEmail.trim() ? contactEmail.trim() : null,
      uploadToken: signedIn ? null : uploadToken,
    });
    setSubmitting(false);
    switch (outcome.kind) {
      case 'ok':
        clearStoredAnswers(storage, key);
        goTo({
          kind: 'done',
          submissionId: outcome.submissionId,
          receiptNumber: outcome.receiptNumber,
          thankYouMessage: outcome.thankYouMessage ?? form.thankYouMessage,
          accessKey: outcome.accessKey,
        });
        break;
      case 'fieldErrors': {
        const first = Object.keys(outcome.errors)[0];
        const target = first === undefined || first === CONTACT_EMAIL ? lastPageId : (pageOf(first) ?? lastPageId);
        setStep({ kind: 'page', pageId: target });
        showErrors(outcome.errors);
        break;
      }
      case 'failed':
        setSubmitError(outcome.message);
        break;
    }
  };

  const backToErrors = (found: readonly FieldError[]) => {
    const map = Object.fromEntries(found.map((e) => [e.field, e.message]));
    const first = found[0];
    const target = first ? (pageOf(first.field) ?? lastPageId) : lastPageId;
    setStep({ kind: 'page', pageId: target });
    showErrors(map);
  };

  const next = () => {
    if (step.kind !== 'page') return;
    // The effective answers: a choice of an option that has since been hidden is not the resident's answer any more.
    const found = Object.fromEntries(
      validatePage(definition, step.pageId, visibility.answers, 'resident').map((e) => [e.field, e.message]),
    );
    const index = pages.findIndex((p) => p.id === step.pageId);
    const following = pages[index + 1];
    if (!following) {
      const problem = emailProblem();
      if (problem) found[CONTACT_EMAIL] = problem;
    }
    if (Object.keys(found).length > 0) {
      showErrors(found);
      return;
    }
    setErrors({});
    if (following) goTo({ kind: 'page', pageId: following.id });
    else if (confirmation) goTo({ kind: 'confirm' });
    else void doSubmit();
  };

  const back = () => {
    setErrors({});
    if (step.kind === 'confirm') {
      goTo({ kind: 'page', pageId: lastPageId });
      return;
    }
    if (step.kind !== 'page') return;
    const index = pages.findIndex((p) => p.id === step.pageId);
    const previous = pages[index - 1];
    if (previous) goTo({ kind: 'page', pageId: previous.id });
  };

  if (step.kind === 'done') {
    return (
      <ReceiptView
        ref={headingRef}
        title={form.title}
        receiptNumber={step.receiptNumber}
        thankYouMessage={step.thankYouMessage}
        submissionPath={submissionPath(step.submissionId, signedIn ? null : step.accessKey, signedIn)}
        signedIn={signedIn}
      />
    );
  }

  if (step.kind === 'confirm') {
    return (
      <ConfirmationView
        ref={headingRef}
        form={form}
        // As the server will store them: 〒 1000001 reads 100-0001, phone digits 半角.
        answers={{ ...visibility.answers, ...validateAnswers(definition, visibility.answers, { answerer: 'resident' }).values }}
        pages={pages}
        fieldsVisible={visibility.fields}
        contactEmail={askEmail && contactEmail.trim() ? contactEmail.trim() : null}
        submitting={submitting}
        submitError={submitError}
        onEdit={(fieldId) => {
          const target = fieldId === CONTACT_EMAIL ? lastPageId : (pageOf(fieldId) ?? lastPageId);
          setStep({ kind: 'page', pageId: target });
          pendingFocus.current = { field: fieldId };
        }}
        onBack={back}
        onSubmit={() => void doSubmit()}
      />
    );
  }

  const page = pages.find((p) => p.id === step.pageId) ?? pages[0];
  if (!page) return null;
  const index = pages.indexOf(page);
  const isLast = index === pages.length - 1;
  const shown: ShownError[] = Object.entries(errors).map(([fieldId, message]) => ({
    fieldId,
    message,
    label: fieldId === CONTACT_EMAIL ? t('forms.contact.label') : (fieldsById.get(fieldId)?.label ?? fieldId),
  }));
  const contactField: FormField = { id: CONTACT_EMAIL, type: 'email', label: t('forms.contact.label'), help: t('forms.contact.help') };

  return (
    <div className={styles.runner}>
      <header className={styles.header}>
        <h1 className={styles.title}>{form.title}</h1>
        {index === 0 && form.description ? (
          <p className={styles.description}>
            <LinkifiedText text={form.description} />
          </p>
        ) : null}
      </header>
      {restoredNotice ? <Banner title={t('forms.draft.restored')}>{signedIn ? '' : t('forms.draft.local')}</Banner> : null}
      <form
        className={styles.page}
        noValidate
        aria-labelledby="form-page-heading"
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        <div className={styles.pageHeading}>
          {pages.length > 1 ? (
            <p className={styles.step}>{t('forms.step', { current: String(index + 1), total: String(pages.length) })}</p>
          ) : null}
          <h2 id="form-page-heading" ref={headingRef} tabIndex={-1}>
            {page.title ?? form.title}
          </h2>
        </div>
        {shown.length > 0 ? <ErrorSummary ref={summaryRef} errors={shown} /> : null}
        {page.fields
          .filter((field) => visibility.fields.has(field.id) && !field.adminOnly)
          .map((field) => (
            <FieldControl
              key={field.id}
              field={field}
              value={answers[field.id]}
              error={errors[field.id]}
              answers={visibility.answers}
              onChange={(value) => setAnswer(field.id, value)}
              onChangeOther={setAnswer}
              files={files}
              onFilesUploaded={(uploaded) => setFiles((prev) => ({ ...prev, ...Object.fromEntries(uploaded.map((f) => [f.id, f])) }))}
            />
          ))}
        {isLast && askEmail ? (
          <LabelledField field={contactField} error={errors[CONTACT_EMAIL]}>
            <input
              {...controlAria(contactField, errors[CONTACT_EMAIL])}
              className={styles.input}
              type="email"
              inputMode="email"
              autoComplete="email"
              spellCheck={false}
              value={contactEmail}
              onChange={(e) => {
                setContactEmail(e.target.value);
                setErrors((prev) => {
                  const rest = { ...prev };
                  delete rest[CONTACT_EMAIL];
                  return rest;
                });
              }}
            />
          </LabelledField>
        ) : null}
        {submitError && !confirmation ? (
          <p className={styles.submitError} role="alert">
            {submitError}
          </p>
        ) : null}
        <div className={styles.actions}>
          <Button type="submit" block disabled={submitting}>
            {isLast ? (confirmation ? t('forms.toConfirm') : submitting ? t('forms.submitting') : t('forms.submit')) : t('forms.next')}
          </Button>
          {index > 0 ? (
            <Button variant="secondary" block onClick={back}>
              {t('forms.back')}
            </Button>
          ) : null}
        </div>
        {signedIn && draftSavedAt ? <p className={styles.draftNote}>{t('forms.draft.saved')}</p> : null}
      </form>
    </div>
  );
}
