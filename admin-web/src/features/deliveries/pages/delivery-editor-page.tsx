import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Col, Input, Row } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { collectUris, toPlainText, validateMessages } from '@machi/message-compose';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import {
  CanRecordEngagementDocument,
  CreateDeliveryDocument,
  DeliveryChannelsDocument,
  DeliveryDocument,
  UpdateDeliveryDocument,
} from '../../../gql/graphql';
import type { DeliveryDetailFieldsFragment } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { EditorFailures } from '../../../shared/ui/editor-failures';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { ForbiddenResult } from '../../../shared/ui/forbidden-result';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { EngagementOption } from '../components/engagement-option';
import { ChannelField, EditorSection } from '../components/editor-section';
import { Field, describedBy } from '../components/field';
import { FormPicker } from '../components/form-picker';
import type { PickableForm } from '../components/form-picker';
import { MAIL_SUBJECT_MAX, MailMirrorEditor } from '../components/mail-mirror-editor';
import { PhonePreview } from '../components/phone-preview';
import { TargetEditor } from '../components/target-editor';
import { TimingEditor } from '../components/timing-editor';
import { VariantTabs } from '../components/variant-editor';
import { isEditable } from '../lib/actions';
import { draftReducer, fromDelivery, newDraft, toInput } from '../lib/draft';
import type { DeliveryDraft } from '../lib/draft';
import { useDeliveryFlags } from '../lib/flags';
import type { VariantLanguage } from '../lib/languages';
import { compose } from '../lib/messages';
import type { DraftProblem, MessageDraft } from '../lib/messages';
import { allMessages, checkVariant, emptyProblems, fieldsWithPaths, placeServerFields } from '../lib/problems';
import type { EditorProblems, VariantProblems } from '../lib/problems';
import { toRule } from '../lib/recurrence';

const TITLE_MAX = 100;

export function DeliveryEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const flags = useDeliveryFlags();
  const { data, loading, error, refetch } = useQuery(DeliveryDocument, {
    variables: { id: id ?? '', ...flags },
    skip: !id || !can('deliveries.manage'),
  });
  // The route is open with deliveries.read (as the list is); composing needs deliveries.manage.
  if (!can('deliveries.manage')) return <ForbiddenResult />;
  const back = (to: string, label: string) => (
    <Link to={to}>
      <ArrowLeftOutlined aria-hidden="true" /> {label}
    </Link>
  );
  if (!id)
    return (
      <>
        {back('/deliveries', t('deliveries.editor.backToList'))}
        <DeliveryEditor delivery={null} />
      </>
    );
  if (error && !data)
    return (
      <>
        {back('/deliveries', t('deliveries.editor.backToList'))}
        <PageHeader title={t('deliveries.list.title')} />
        <ErrorAlert className="page-top-gap" error={error} onRetry={() => void refetch()} />
      </>
    );
  if (loading && !data) return <LoadingState rows={12} />;
  const delivery = data?.delivery;
  if (!delivery) return null;
  return (
    <>
      {back(`/deliveries/${delivery.id}`, t('deliveries.editor.backToDelivery'))}
      {isEditable(delivery.status) ? (
        <DeliveryEditor key={delivery.id} delivery={delivery} />
      ) : (
        <>
          <PageHeader title={delivery.title} />
          <Alert type="info" showIcon title={t('deliveries.editor.notEditable')} />
        </>
      )}
    </>
  );
}

/** The problems the server found on the last save, and the draft they were about. */
interface SaveFailure {
  error: unknown;
  placed: EditorProblems;
  draft: DeliveryDraft;
}

function describeDraftProblem(t: TFunction, problem: DraftProblem, number: number): string {
  switch (problem.kind) {
    case 'json':
      return problem.line === null
        ? t('deliveries.editor.json.invalid', { n: number })
        : t('deliveries.editor.json.invalidAt', { n: number, line: problem.line });
    case 'emojiCount':
      return t('deliveries.editor.text.emojiCount', { n: number, emojis: problem.emojis, dollars: problem.dollars });
  }
}

/** The server's problems that still apply: those of a field or message staff have not changed since. */
function stillApplying(failure: SaveFailure | null, draft: DeliveryDraft): EditorProblems {
  const out = emptyProblems();
  if (!failure) return out;
  const before = failure.draft;
  const same = (field: keyof DeliveryDraft) => JSON.stringify(before[field]) === JSON.stringify(draft[field]);
  const fieldDeps: Record<string, (keyof DeliveryDraft)[]> = {
    title: ['title'],
    channelId: ['channelId'],
    targetKind: ['targetKind', 'formId'],
    segmentIds: ['segmentIds', 'targetKind'],
    formId: ['formId', 'variants'],
    mailListIds: ['mailListIds', 'formId', 'variants'],
    mailSubject: ['mailSubject'],
    recordEngagement: ['recordEngagement'],
    timing: ['timing'],
    scheduledAt: ['scheduledAt', 'timing'],
    csv: ['targetKind'],
    variants: ['variants'],
  };
  for (const [field, messages] of Object.entries(failure.placed.fields)) {
    if ((fieldDeps[field] ?? []).every(same)) out.fields[field] = messages;
  }
  if (JSON.stringify(toRule(before.recurrence)) === JSON.stringify(toRule(draft.recurrence)) && before.timing === draft.timing)
    out.recurrence = failure.placed.recurrence;
  const previous = new Map<string, MessageDraft>(
    before.variants.flatMap((v) => v.messages.map((m) => [`${v.language}:${m.key}`, m] as const)),
  );
  for (const variant of draft.variants) {
    const placed = failure.placed.variants[variant.language];
    if (!placed) continue;
    const byMessage: VariantProblems['byMessage'] = {};
    for (const message of variant.messages) {
      const list = placed.byMessage[message.key];
      if (list && previous.get(`${variant.language}:${message.key}`) === message) byMessage[message.key] = list;
    }
    const sameVariant =
      JSON.stringify(before.variants.find((v) => v.language === variant.language)?.messages.map((m) => m.key)) ===
      JSON.stringify(variant.messages.map((m) => m.key));
    out.variants[variant.language] = { general: sameVariant ? placed.general : [], byMessage };
  }
  out.other = failure.placed.other;
  return out;
}

function merge(a: EditorProblems, b: EditorProblems): EditorProblems {
  const out = emptyProblems();
  const join = (x: readonly string[] = [], y: readonly string[] = []) => [...new Set([...x, ...y])];
  for (const key of new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])) out.fields[key] = join(a.fields[key], b.fields[key]);
  for (const key of new Set([...Object.keys(a.recurrence), ...Object.keys(b.recurrence)]))
    out.recurrence[key] = join(a.recurrence[key], b.recurrence[key]);
  const languages = new Set([...Object.keys(a.variants), ...Object.keys(b.variants)]) as Set<VariantLanguage>;
  for (const language of languages) {
    const x = a.variants[language];
    const y = b.variants[language];
    const byMessage: VariantProblems['byMessage'] = {};
    for (const key of new Set([...Object.keys(x?.byMessage ?? {}), ...Object.keys(y?.byMessage ?? {})])) {
      const list = [...(x?.byMessage[key] ?? []), ...(y?.byMessage[key] ?? [])];
      byMessage[key] = list.filter((p, i) => list.findIndex((q) => q.path === p.path && q.message === p.message) === i);
    }
    out.variants[language] = { general: join(x?.general, y?.general), byMessage };
  }
  out.other = join(a.other, b.other);
  return out;
}

/** The editor of one delivery (or a new one): what, to whom and when, with the talk's preview beside it. */
export function DeliveryEditor({ delivery }: { delivery: DeliveryDetailFieldsFragment | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const viewer = useViewer();
  const flags = useDeliveryFlags();
  const [chosenForm, setChosenForm] = useState<PickableForm | null>(null);
  const [draft, dispatch] = useReducer(draftReducer, delivery, (d) => (d ? fromDelivery(d) : newDraft()));
  const [active, setActive] = useState<VariantLanguage>('ja');
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const channelsQuery = useQuery(DeliveryChannelsDocument, { skip: !flags.withChannel });
  const engagementQuery = useQuery(CanRecordEngagementDocument);
  // Unknown while asked; a failed question counts as "cannot" (the server decides again on save).
  const canRecord = engagementQuery.data ? engagementQuery.data.canRecordEngagement : engagementQuery.error ? false : null;
  const [createDelivery, creating] = useMutation(CreateDeliveryDocument, { refetchQueries: ['Deliveries'] });
  const [updateDelivery, updating] = useMutation(UpdateDeliveryDocument, { refetchQueries: ['Deliveries'] });

  // The mail's text (SEG-05) as the server will make it from the Japanese messages; null while they have problems.
  const japanese = draft.variants.find((v) => v.language === 'ja');
  const mailPreview = useMemo(() => {
    const checked = validateMessages((japanese?.messages ?? []).map((m) => compose(m).message));
    return checked.ok ? toPlainText(checked.messages) : null;
  }, [japanese]);
  // Whether any language has a link whose taps would be recorded; null while a language has problems.
  const hasLinks = useMemo(() => {
    let found = false;
    for (const variant of draft.variants) {
      const checked = validateMessages(variant.messages.map((m) => compose(m).message));
      if (!checked.ok) return null;
      found ||= collectUris(checked.messages).length > 0;
    }
    return found;
  }, [draft.variants]);
  const local = useMemo(() => {
    const out = emptyProblems();
    for (const variant of draft.variants) {
      const found = checkVariant(variant.messages, (problem, number) => describeDraftProblem(t, problem, number));
      out.variants[variant.language] = found;
    }
    const title = draft.title.trim();
    if (!title) out.fields['title'] = [t('deliveries.editor.titleRequired')];
    else if (title.length > TITLE_MAX) out.fields['title'] = [t('deliveries.editor.titleTooLong', { max: TITLE_MAX })];
    // FORM-08 and SEG-05, as the server says them.
    if (draft.formId && draft.targetKind === 'ALL') out.fields['targetKind'] = [t('deliveries.attachments.form.notForAll')];
    if (draft.mailListIds.length) {
      if (mailPreview === '') out.fields['mailListIds'] = [t('deliveries.attachments.mail.stickersOnly')];
      else if (
        draft.formId &&
        chosenForm?.id === draft.formId &&
        (chosenForm.access !== 'BROWSER_ALLOWED' || chosenForm.audience !== 'EVERYONE')
      )
        out.fields['mailListIds'] = [t('deliveries.attachments.mail.lineOnlyForm')];
      if ([...draft.mailSubject.trim()].length > MAIL_SUBJECT_MAX)
        out.fields['mailSubject'] = [t('deliveries.attachments.mail.subjectTooLong', { max: MAIL_SUBJECT_MAX })];
    }
    if (draft.recordEngagement && canRecord === false) out.fields['recordEngagement'] = [t('deliveries.engagement.refused')];
    return out;
  }, [
    draft.variants,
    draft.title,
    draft.formId,
    draft.targetKind,
    draft.mailListIds,
    draft.mailSubject,
    draft.recordEngagement,
    canRecord,
    mailPreview,
    chosenForm,
    t,
  ]);
  const localCount = allMessages(local).length;
  // Unparseable JSON and emoji without their `$` say so at once; the rest once staff try to save.
  const immediate = useMemo(() => {
    const out = emptyProblems();
    for (const [language, problems] of Object.entries(local.variants) as Array<[VariantLanguage, VariantProblems | undefined]>) {
      if (!problems) continue;
      const byMessage: VariantProblems['byMessage'] = {};
      for (const [key, list] of Object.entries(problems.byMessage)) byMessage[key] = list.filter((p) => p.path === '');
      out.variants[language] = { general: [], byMessage };
    }
    return out;
  }, [local]);
  const server = stillApplying(failure, draft);
  const shown = merge(server, checked ? local : immediate);
  const blocking = allMessages(checked ? merge(server, local) : server);

  const save = async () => {
    setChecked(true);
    if (localCount > 0) return;
    const { input, sent } = toInput(draft);
    setFailure(null);
    try {
      if (delivery) {
        await updateDelivery({ variables: { id: delivery.id, input, ...flags } });
        void message.success(t('deliveries.editor.saved', { title: input.title }));
      } else {
        const result = await createDelivery({ variables: { input, ...flags } });
        void message.success(t('deliveries.editor.created', { title: input.title }));
        const id = result.data?.createDelivery.delivery.id;
        if (id) void navigate(`/deliveries/${id}/edit`, { replace: true });
      }
      setChecked(false);
    } catch (error) {
      const info = describeApiError(error);
      setFailure({
        error,
        draft,
        placed: info.code === 'BAD_USER_INPUT' ? placeServerFields(fieldsWithPaths(error), sent) : emptyProblems(),
      });
    }
  };

  const channels = channelsQuery.data?.lineChannels ?? [];
  const activeVariant = draft.variants.find((v) => v.language === active) ?? draft.variants[0];
  const accountName = channels.find((c) => c.id === draft.channelId)?.name ?? delivery?.channel?.name ?? t('deliveries.preview.account');
  const resetsToDraft = delivery && delivery.status !== 'DRAFT';
  const title = delivery?.title ?? t('deliveries.editor.newTitle');
  const at = (field: string) => shown.fields[field] ?? [];
  return (
    <>
      <PageHeader
        title={title}
        description={delivery ? t('deliveries.editor.editDescription') : t('deliveries.editor.newDescription')}
        extra={
          <>
            {delivery ? (
              <Button icon={<SendOutlined aria-hidden="true" />} onClick={() => void navigate(`/deliveries/${delivery.id}`)}>
                {t('deliveries.editor.toDelivery')}
              </Button>
            ) : null}
            <Button
              type="primary"
              icon={<SaveOutlined aria-hidden="true" />}
              loading={creating.loading || updating.loading}
              onClick={() => void save()}
            >
              {t('deliveries.editor.save')}
            </Button>
          </>
        }
      />
      {resetsToDraft ? <Alert className="form-alert" type="warning" showIcon title={t('deliveries.editor.resetsToDraft')} /> : null}
      <EditorFailures
        failure={failure}
        onClose={() => setFailure(null)}
        messages={blocking}
        title={t('deliveries.editor.notSaved', { n: blocking.length })}
      />
      <Row gutter={[32, 16]}>
        <Col xs={24} xl={14}>
          <EditorSection id="delivery-basics-title" title={t('deliveries.editor.basics')}>
            <Field id="delivery-title" label={t('deliveries.editor.title')} hint={t('deliveries.editor.titleHint')} errors={at('title')}>
              <Input
                {...describedBy('delivery-title', at('title'), true)}
                value={draft.title}
                maxLength={TITLE_MAX}
                placeholder={t('deliveries.editor.titlePlaceholder')}
                onChange={(e) => dispatch({ type: 'set', patch: { title: e.target.value } })}
              />
            </Field>
            {flags.withChannel ? (
              <ChannelField
                id="delivery-channel"
                channels={channels}
                channelId={draft.channelId}
                loading={channelsQuery.loading}
                errors={at('channelId')}
                onChange={(channelId) => dispatch({ type: 'set', patch: { channelId } })}
              />
            ) : null}
          </EditorSection>
          <EditorSection id="delivery-target-title" title={t('deliveries.editor.target.title')}>
            <TargetEditor
              targetKind={draft.targetKind}
              segmentIds={draft.segmentIds}
              onTargetKindChange={(targetKind) => dispatch({ type: 'set', patch: { targetKind } })}
              onSegmentIdsChange={(segmentIds) => dispatch({ type: 'set', patch: { segmentIds } })}
              savedSegments={delivery?.segments ?? []}
              delivery={delivery}
              flags={flags}
              problems={shown.fields}
              disabled={false}
              canReadSegments={can('segments.read')}
            />
          </EditorSection>
          <EditorSection id="delivery-timing-title" title={t('deliveries.editor.timing.title')}>
            <TimingEditor
              timing={draft.timing}
              scheduledAt={draft.scheduledAt}
              recurrence={draft.recurrence}
              onTimingChange={(timing) => dispatch({ type: 'set', patch: { timing } })}
              onScheduledAtChange={(scheduledAt) => dispatch({ type: 'set', patch: { scheduledAt } })}
              onRecurrenceChange={(recurrence) => dispatch({ type: 'recurrence', recurrence })}
              problems={shown.fields}
              recurrenceProblems={shown.recurrence}
              disabled={false}
            />
          </EditorSection>
          <EditorSection id="delivery-form-title" title={t('deliveries.attachments.form.title')}>
            <FormPicker
              formId={draft.formId}
              onFormChange={(formId, form) => {
                setChosenForm(form);
                dispatch({ type: 'set', patch: { formId } });
              }}
              onInsertCard={(card) => dispatch({ type: 'insertCard', card })}
              problems={at('formId')}
              disabled={false}
              canReadForms={can('forms.read')}
            />
          </EditorSection>
          <EditorSection id="delivery-content-title" title={t('deliveries.editor.content')}>
            {at('variants').length > 0 ? (
              <Alert type="error" showIcon title={at('variants').join(' ')} style={{ marginBottom: 12 }} />
            ) : null}
            <VariantTabs
              draft={draft}
              active={activeVariant?.language ?? 'ja'}
              onActiveChange={setActive}
              problems={shown}
              disabled={false}
              dispatch={dispatch}
            />
          </EditorSection>
          <EditorSection id="delivery-engagement-title" title={t('deliveries.engagement.title')}>
            <EngagementOption
              checked={draft.recordEngagement}
              onChange={(recordEngagement) => dispatch({ type: 'set', patch: { recordEngagement } })}
              canRecord={canRecord}
              hasLinks={hasLinks}
              problems={at('recordEngagement')}
              disabled={false}
            />
          </EditorSection>
          <EditorSection id="delivery-mail-title" title={t('deliveries.attachments.mail.title')}>
            <MailMirrorEditor
              mailListIds={draft.mailListIds}
              mailSubject={draft.mailSubject}
              title={draft.title.trim()}
              departmentId={delivery ? (delivery.department?.id ?? null) : (viewer.staff?.department?.id ?? null)}
              preview={mailPreview}
              onMailListIdsChange={(mailListIds) => dispatch({ type: 'set', patch: { mailListIds } })}
              onMailSubjectChange={(mailSubject) => dispatch({ type: 'set', patch: { mailSubject } })}
              problems={shown.fields}
              disabled={false}
              canReadLists={can('mail_lists.read')}
            />
          </EditorSection>
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            {activeVariant ? (
              <PhonePreview messages={activeVariant.messages} language={activeVariant.language} accountName={accountName} />
            ) : null}
          </div>
        </Col>
      </Row>
    </>
  );
}
