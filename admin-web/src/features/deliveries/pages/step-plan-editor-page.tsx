import { ArrowLeftOutlined, DeleteOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Badge, Button, Col, Flex, Input, InputNumber, Radio, Row, Select, Table, Tabs, Typography } from 'antd';
import type { Dispatch } from 'react';
import { useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import {
  CreateDeliveryStepPlanDocument,
  DeliveryChannelsDocument,
  DeliverySegmentsDocument,
  DeliveryStepDateAttributesDocument,
  DeliveryStepPlanDocument,
  UpdateDeliveryStepPlanDocument,
} from '../../../gql/graphql';
import type { DeliveryStepPlanFieldsFragment, DeliveryStepSendFieldsFragment } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { EditorFailures } from '../../../shared/ui/editor-failures';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { ForbiddenResult } from '../../../shared/ui/forbidden-result';
import { LockedButton } from '../../../shared/ui/locked-button';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { ChannelField, EditorSection } from '../components/editor-section';
import { Field, FieldErrors, describedBy } from '../components/field';
import { PhonePreview } from '../components/phone-preview';
import { StepPlanStatusTag } from '../components/planning-tags';
import { VariantTabs } from '../components/variant-editor';
import { formatJst, jstToday } from '../lib/jst';
import type { VariantLanguage } from '../lib/languages';
import { fieldsWithPaths } from '../lib/problems';
import {
  DIRECTIONS,
  MAX_OFFSET_DAYS,
  MAX_STEPS,
  MAX_STEP_SEGMENTS,
  TITLE_MAX,
  UPCOMING_DAYS,
  allPlanMessages,
  checkPlan,
  contentOf,
  countStepProblems,
  emptyPlanProblems,
  fromPlan,
  mergePlanProblems,
  newPlanDraft,
  offsetOf,
  offsetText,
  placePlanServerFields,
  planReducer,
  stepName,
  stillApplying,
  timingExample,
  toPlanInput,
  upcomingWindow,
} from '../lib/step-plan';
import type { Direction, PlanAction, PlanProblems, StepDraft, StepPlanDraft, StepProblems } from '../lib/step-plan';

type Span = { from: string; to: string };

/** A step plan: new (`/deliveries/steps/new`) or saved, editable with deliveries.manage, read-only otherwise. */
export function StepPlanEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const [span] = useState(() => upcomingWindow());
  const { data, loading, error, refetch } = useQuery(DeliveryStepPlanDocument, {
    variables: { id: id ?? '', ...span },
    skip: !id,
    fetchPolicy: 'cache-and-network',
  });
  const back = (
    <Link to="/deliveries/steps">
      <ArrowLeftOutlined aria-hidden="true" /> {t('deliveries.steps.editor.backToList')}
    </Link>
  );
  // The route is open with deliveries.read (as the list is); a new plan needs deliveries.manage.
  if (!id)
    return can('deliveries.manage') ? (
      <>
        {back}
        <StepPlanEditor plan={null} span={span} />
      </>
    ) : (
      <ForbiddenResult />
    );
  if (error && !data)
    return (
      <>
        {back}
        <PageHeader title={t('deliveries.steps.list.title')} />
        <ErrorAlert className="page-top-gap" error={error} onRetry={() => void refetch()} />
      </>
    );
  if (loading && !data) return <LoadingState rows={12} />;
  const plan = data?.deliveryStepPlan;
  if (!plan) return null;
  return (
    <>
      {back}
      <StepPlanEditor key={plan.id} plan={plan} span={span} />
    </>
  );
}

interface SaveFailure {
  error: unknown;
  placed: PlanProblems;
  draft: StepPlanDraft;
}

/** Only what staff should see while typing: timings, and messages whose JSON does not parse. */
function immediateOf(problems: PlanProblems): PlanProblems {
  const out = emptyPlanProblems();
  for (const [key, step] of Object.entries(problems.steps)) {
    const variants: StepProblems['content']['variants'] = {};
    for (const [language, found] of Object.entries(step.content.variants) as Array<[VariantLanguage, (typeof variants)[VariantLanguage]]>) {
      if (!found) continue;
      const byMessage: Record<string, Array<{ path: string; message: string }>> = {};
      for (const [message, list] of Object.entries(found.byMessage)) byMessage[message] = list.filter((p) => p.path === '');
      variants[language] = { general: [], byMessage };
    }
    out.steps[key] = { timing: step.timing, content: { fields: {}, recurrence: {}, variants, other: [] } };
  }
  return out;
}

function StepPlanEditor({ plan, span }: { plan: DeliveryStepPlanFieldsFragment | null; span: Span }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('deliveries.manage');
  const canSend = can('deliveries.send');
  const readOnly = !canManage;
  // Changing a plan that is on takes deliveries.send (the server's SEND_REQUIRED).
  const locked = canManage && plan?.enabled === true && !canSend;
  const disabled = readOnly || locked;
  const [draft, dispatch] = useReducer(planReducer, plan, (p) => (p ? fromPlan(p) : newPlanDraft()));
  const [activeKey, setActiveKey] = useState<string>(() => draft.steps[0]?.key ?? '');
  const [languages, setLanguages] = useState<Record<string, VariantLanguage>>({});
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [today] = useState(() => jstToday());
  const withChannel = can('channels.read');
  const withSegments = can('segments.read');
  const channelsQuery = useQuery(DeliveryChannelsDocument, { skip: !withChannel });
  const attributesQuery = useQuery(DeliveryStepDateAttributesDocument);
  const segmentsQuery = useQuery(DeliverySegmentsDocument, { variables: { first: 100 }, skip: !withSegments });
  const [createPlan, creating] = useMutation(CreateDeliveryStepPlanDocument, { refetchQueries: ['DeliveryStepPlans'] });
  const [updatePlan, updating] = useMutation(UpdateDeliveryStepPlanDocument, { refetchQueries: ['DeliveryStepPlans'] });
  const [togglePlan, toggling] = useMutation(UpdateDeliveryStepPlanDocument, { refetchQueries: ['DeliveryStepPlans'] });

  const local = useMemo(() => checkPlan(draft, t), [draft, t]);
  const server = failure ? stillApplying(failure.placed, failure.draft, draft) : emptyPlanProblems();
  const shown = mergePlanProblems(server, checked ? local : immediateOf(local));
  const blocking = allPlanMessages(checked ? mergePlanProblems(server, local) : server);

  const save = async () => {
    setChecked(true);
    if (allPlanMessages(local).length > 0) return;
    const { input, sent } = toPlanInput(draft);
    setFailure(null);
    try {
      const active = draft.steps.find((s) => s.key === activeKey);
      let saved: DeliveryStepPlanFieldsFragment | undefined;
      if (plan) {
        saved = (await updatePlan({ variables: { id: plan.id, input, ...span } })).data?.updateDeliveryStepPlan.plan;
        void message.success(t('deliveries.steps.editor.saved', { title: input.title }));
      } else {
        saved = (await createPlan({ variables: { input, ...span } })).data?.createDeliveryStepPlan.plan;
        void message.success(t('deliveries.steps.editor.created', { title: input.title }));
        if (saved) void navigate(`/deliveries/steps/${saved.id}`, { replace: true });
      }
      if (saved) {
        // New steps now have ids, and the server keeps them in the order of their timing.
        const next = fromPlan(saved);
        dispatch({ type: 'reset', draft: next });
        const same = active ? next.steps.find((s) => offsetOf(s) === offsetOf(active) && s.time === active.time) : undefined;
        setActiveKey((same ?? next.steps[0])?.key ?? '');
        setLanguages({});
      }
      setChecked(false);
    } catch (error) {
      const info = describeApiError(error);
      setFailure({
        error,
        draft,
        placed: info.code === 'BAD_USER_INPUT' ? placePlanServerFields(fieldsWithPaths(error), sent) : emptyPlanProblems(),
      });
    }
  };

  const toggle = () => {
    if (!plan) return;
    const enabling = !plan.enabled;
    const title = plan.title;
    void modal.confirm({
      title: t(enabling ? 'deliveries.steps.list.enableTitle' : 'deliveries.steps.list.disableTitle', { title }),
      content: t(enabling ? 'deliveries.steps.list.enableBody' : 'deliveries.steps.list.disableBody'),
      okText: t(enabling ? 'deliveries.steps.list.enableOk' : 'deliveries.steps.list.disableOk'),
      okButtonProps: enabling ? undefined : { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setFailure(null);
        try {
          await togglePlan({ variables: { id: plan.id, input: { enabled: enabling }, ...span } });
          void message.success(t(enabling ? 'deliveries.steps.list.enabled' : 'deliveries.steps.list.disabled', { title }));
        } catch (error) {
          setFailure({ error, draft, placed: emptyPlanProblems() });
        }
      },
    });
  };

  const channels = channelsQuery.data?.lineChannels ?? [];
  const at = (field: string) => shown.fields[field] ?? [];
  const activeStep = draft.steps.find((s) => s.key === activeKey) ?? draft.steps[0];
  const activeLanguage = activeStep ? (languages[activeStep.key] ?? 'ja') : 'ja';
  const previewVariant = activeStep?.variants.find((v) => v.language === activeLanguage) ?? activeStep?.variants[0];
  const accountName = channels.find((c) => c.id === draft.channelId)?.name ?? t('deliveries.preview.account');

  const attributes = attributesQuery.data?.deliveryStepDateAttributes ?? [];
  const attributeOptions = [
    ...attributes.map((a) => ({
      value: a.id,
      label: t('deliveries.steps.editor.dateAttributeOption', {
        label: a.label,
        kind: t(`deliveries.steps.editor.kinds.${a.kind === 'DATE_LIST' ? 'DATE_LIST' : 'DATE'}`),
      }),
    })),
    ...(plan?.dateAttribute && !attributes.some((a) => a.id === plan.dateAttribute?.id)
      ? [{ value: plan.dateAttribute.id, label: t('deliveries.steps.editor.dateAttributeRetired', { label: plan.dateAttribute.label }) }]
      : []),
  ];
  const segments = segmentsQuery.data?.segments.edges.map((e) => e.node) ?? [];
  const segmentOptions = [
    ...segments.map((s) => ({
      value: s.id,
      label:
        s.lastCount === null
          ? s.name
          : t('deliveries.editor.target.segmentOption', { name: s.name, n: s.lastCount.toLocaleString('ja-JP') }),
    })),
    ...draft.segmentIds
      .filter((id) => !segments.some((s) => s.id === id))
      .map((id) => ({ value: id, label: t('deliveries.editor.target.unknownSegment') })),
  ];

  return (
    <>
      <PageHeader
        title={
          <Flex gap="small" align="center" wrap component="span">
            <span>{plan?.title ?? t('deliveries.steps.editor.newTitle')}</span>
            {plan ? <StepPlanStatusTag enabled={plan.enabled} /> : null}
          </Flex>
        }
        description={plan ? t('deliveries.steps.editor.editDescription') : t('deliveries.steps.editor.newDescription')}
        extra={
          canManage ? (
            <>
              {plan ? (
                plan.enabled ? (
                  <Button icon={<PauseCircleOutlined aria-hidden="true" />} loading={toggling.loading} onClick={toggle}>
                    {t('deliveries.steps.list.actions.disable')}
                  </Button>
                ) : canSend ? (
                  <Button icon={<PlayCircleOutlined aria-hidden="true" />} loading={toggling.loading} onClick={toggle}>
                    {t('deliveries.steps.list.actions.enable')}
                  </Button>
                ) : (
                  <LockedButton icon={<PlayCircleOutlined aria-hidden="true" />} reason={t('deliveries.steps.list.sendRequired')}>
                    {t('deliveries.steps.list.actions.enable')}
                  </LockedButton>
                )
              ) : null}
              {locked ? (
                <LockedButton type="primary" icon={<SaveOutlined aria-hidden="true" />} reason={t('deliveries.steps.editor.enabledLocked')}>
                  {t('deliveries.steps.editor.save')}
                </LockedButton>
              ) : (
                <Button
                  type="primary"
                  icon={<SaveOutlined aria-hidden="true" />}
                  loading={creating.loading || updating.loading}
                  onClick={() => void save()}
                >
                  {t('deliveries.steps.editor.save')}
                </Button>
              )}
            </>
          ) : null
        }
      />
      {readOnly ? <Alert className="form-alert" type="info" showIcon title={t('deliveries.steps.editor.readOnly')} /> : null}
      {locked ? <Alert className="form-alert" type="warning" showIcon title={t('deliveries.steps.editor.enabledLocked')} /> : null}
      {plan?.enabled && !disabled ? (
        <Alert className="form-alert" type="info" showIcon title={t('deliveries.steps.editor.enabledNote')} />
      ) : null}
      <EditorFailures
        failure={failure}
        onClose={() => setFailure(null)}
        messages={blocking}
        title={t('deliveries.steps.editor.notSaved', { n: blocking.length })}
      />
      <Row gutter={[32, 16]}>
        <Col xs={24} xl={14}>
          <EditorSection id="step-basics-title" title={t('deliveries.steps.editor.basics')}>
            <Field
              id="step-title"
              label={t('deliveries.steps.editor.title')}
              hint={t('deliveries.steps.editor.titleHint')}
              errors={at('title')}
            >
              <Input
                {...describedBy('step-title', at('title'), true)}
                value={draft.title}
                maxLength={TITLE_MAX}
                disabled={disabled}
                placeholder={t('deliveries.steps.editor.titlePlaceholder')}
                onChange={(e) => dispatch({ type: 'set', patch: { title: e.target.value } })}
              />
            </Field>
            {withChannel ? (
              <ChannelField
                id="step-channel"
                channels={channels}
                channelId={draft.channelId}
                loading={channelsQuery.loading}
                disabled={disabled}
                errors={at('channelId')}
                onChange={(channelId) => dispatch({ type: 'set', patch: { channelId } })}
              />
            ) : null}
          </EditorSection>
          <EditorSection id="step-reference-title" title={t('deliveries.steps.editor.reference')}>
            {!attributesQuery.loading && attributeOptions.length === 0 ? (
              <Alert type="warning" showIcon title={t('deliveries.steps.editor.noDateAttributes')} style={{ marginBottom: 12 }} />
            ) : null}
            <Field
              id="step-date-attribute"
              label={t('deliveries.steps.editor.dateAttribute')}
              hint={t('deliveries.steps.editor.dateAttributeHint')}
              errors={at('dateAttributeId')}
            >
              <Select<string>
                {...describedBy('step-date-attribute', at('dateAttributeId'), true)}
                value={draft.dateAttributeId ?? undefined}
                disabled={disabled}
                loading={attributesQuery.loading}
                placeholder={t('deliveries.steps.editor.dateAttributePlaceholder')}
                style={{ maxWidth: 420 }}
                options={attributeOptions}
                onChange={(dateAttributeId) => dispatch({ type: 'set', patch: { dateAttributeId } })}
              />
            </Field>
          </EditorSection>
          <EditorSection id="step-audience-title" title={t('deliveries.steps.editor.audience')}>
            {withSegments ? (
              <Field
                id="step-segments"
                label={t('deliveries.steps.editor.segments')}
                hint={t('deliveries.steps.editor.segmentsHint', { max: MAX_STEP_SEGMENTS })}
                errors={at('segmentIds')}
              >
                <Select<string[]>
                  {...describedBy('step-segments', at('segmentIds'), true)}
                  mode="multiple"
                  value={draft.segmentIds}
                  disabled={disabled}
                  loading={segmentsQuery.loading}
                  placeholder={t('deliveries.steps.editor.segmentsPlaceholder')}
                  options={segmentOptions}
                  showSearch={{ optionFilterProp: 'label' }}
                  maxCount={MAX_STEP_SEGMENTS}
                  notFoundContent={segmentsQuery.loading ? t('app.loading') : t('deliveries.editor.target.noSegments')}
                  onChange={(segmentIds) => dispatch({ type: 'set', patch: { segmentIds } })}
                />
              </Field>
            ) : (
              <>
                <Alert
                  type="info"
                  showIcon
                  title={t('deliveries.steps.editor.segmentsUnavailable', { n: draft.segmentIds.length })}
                  style={{ marginBottom: 8 }}
                />
                <FieldErrors errors={at('segmentIds')} />
              </>
            )}
          </EditorSection>
          <EditorSection id="step-messages-title" title={t('deliveries.steps.editor.messages')}>
            <Typography.Paragraph type="secondary">{t('deliveries.steps.editor.messagesHint', { max: MAX_STEPS })}</Typography.Paragraph>
            <FieldErrors errors={at('steps')} />
            {disabled ? null : (
              <Flex justify="flex-end" align="center" gap="small" wrap style={{ marginBottom: -8 }}>
                {draft.steps.length >= MAX_STEPS ? (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('deliveries.steps.editor.maxSteps', { max: MAX_STEPS })}
                  </Typography.Text>
                ) : null}
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden="true" />}
                  disabled={draft.steps.length >= MAX_STEPS}
                  onClick={() => {
                    const before = new Set(draft.steps.map((s) => s.key));
                    const next = planReducer(draft, { type: 'addStep' });
                    dispatch({ type: 'reset', draft: next });
                    const added = next.steps.find((s) => !before.has(s.key));
                    if (added) setActiveKey(added.key);
                  }}
                >
                  {t('deliveries.steps.editor.addStep')}
                </Button>
              </Flex>
            )}
            <Tabs
              activeKey={activeStep?.key}
              onChange={setActiveKey}
              destroyOnHidden
              items={draft.steps.map((step, index) => {
                const problems = shown.steps[step.key];
                const count = countStepProblems(problems);
                return {
                  key: step.key,
                  label: (
                    <span>
                      {t('deliveries.steps.editor.stepTab', {
                        n: index + 1,
                        offset: offsetText(offsetOf(step) ?? 0, t),
                        time: step.time || '—',
                      })}
                      {count > 0 ? (
                        <>
                          {' '}
                          <span aria-hidden="true">
                            <Badge count={count} size="small" color="#cf1322" />
                          </span>
                          <span className="visually-hidden">{t('deliveries.steps.editor.stepProblems', { n: count })}</span>
                        </>
                      ) : null}
                    </span>
                  ),
                  children: (
                    <StepEditor
                      step={step}
                      number={index + 1}
                      problems={problems}
                      disabled={disabled}
                      removable={!disabled && draft.steps.length > 1}
                      today={today}
                      language={languages[step.key] ?? 'ja'}
                      onLanguageChange={(language) => setLanguages((current) => ({ ...current, [step.key]: language }))}
                      dispatch={dispatch}
                      onRemoved={() => setActiveKey(draft.steps.find((s) => s.key !== step.key)?.key ?? '')}
                    />
                  ),
                };
              })}
            />
          </EditorSection>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={28} style={{ position: 'sticky', top: 16 }}>
            {previewVariant ? (
              <PhonePreview messages={previewVariant.messages} language={previewVariant.language} accountName={accountName} />
            ) : null}
            {plan ? <UpcomingPanel plan={plan} /> : null}
          </Flex>
        </Col>
      </Row>
    </>
  );
}

/** One message of the plan: when it goes out, relative to the reference date, and what it says. */
function StepEditor({
  step,
  number,
  problems,
  disabled,
  removable,
  today,
  language,
  onLanguageChange,
  dispatch,
  onRemoved,
}: {
  step: StepDraft;
  number: number;
  problems: StepProblems | undefined;
  disabled: boolean;
  removable: boolean;
  today: string;
  language: VariantLanguage;
  onLanguageChange: (language: VariantLanguage) => void;
  dispatch: Dispatch<PlanAction>;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const id = `step-${step.key}`;
  const days = problems?.timing.days ?? [];
  const time = problems?.timing.time ?? [];
  const example = timingExample(step, today, t);
  const remove = () => {
    void modal.confirm({
      title: t('deliveries.steps.editor.removeStepTitle', { n: number }),
      content: t('deliveries.steps.editor.removeStepBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        dispatch({ type: 'removeStep', key: step.key });
        onRemoved();
      },
    });
  };
  return (
    <div>
      <fieldset className="plain-fieldset" style={{ marginBottom: 16 }}>
        <legend style={{ fontWeight: 500, fontSize: 16, marginBottom: 8 }}>{t('deliveries.steps.editor.timing')}</legend>
        <Flex gap="large" wrap align="flex-start">
          <Flex vertical gap={4} role="group" aria-labelledby={`${id}-direction-label`} style={{ marginBottom: 12 }}>
            <span id={`${id}-direction-label`} style={{ fontWeight: 500 }}>
              {t('deliveries.steps.editor.direction')}
            </span>
            <Radio.Group
              value={step.direction}
              disabled={disabled}
              optionType="button"
              buttonStyle="solid"
              options={DIRECTIONS.map((value: Direction) => ({ value, label: t(`deliveries.steps.editor.directions.${value}`) }))}
              onChange={(e) => dispatch({ type: 'setStep', key: step.key, patch: { direction: e.target.value as Direction } })}
            />
          </Flex>
          {step.direction === 'on' ? null : (
            <Field id={`${id}-days`} label={t('deliveries.steps.editor.days')} errors={days}>
              <InputNumber<number>
                {...describedBy(`${id}-days`, days)}
                min={1}
                max={MAX_OFFSET_DAYS}
                precision={0}
                value={step.days}
                disabled={disabled}
                style={{ width: 140 }}
                suffix={t('deliveries.steps.editor.daysUnit')}
                onChange={(value) => dispatch({ type: 'setStep', key: step.key, patch: { days: value ?? null } })}
              />
            </Field>
          )}
          <Field id={`${id}-time`} label={t('deliveries.steps.editor.time')} hint={t('deliveries.steps.editor.timeHint')} errors={time}>
            <Input
              {...describedBy(`${id}-time`, time, true)}
              type="time"
              value={step.time}
              disabled={disabled}
              style={{ width: 140 }}
              onChange={(e) => dispatch({ type: 'setStep', key: step.key, patch: { time: e.target.value } })}
            />
          </Field>
        </Flex>
        {step.direction === 'on' ? <FieldErrors errors={days} /> : null}
        {example ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
            {example}
          </Typography.Paragraph>
        ) : null}
      </fieldset>
      <Flex justify="space-between" align="baseline" gap="small" wrap>
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {t('deliveries.steps.editor.content')}
        </Typography.Title>
        {removable ? (
          <Button size="small" danger icon={<DeleteOutlined aria-hidden="true" />} onClick={remove}>
            {t('deliveries.steps.editor.removeStep', { n: number })}
          </Button>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 4 }}>
        {t('deliveries.steps.editor.variablesNote')}
      </Typography.Paragraph>
      {(problems?.content.fields['variants'] ?? []).length > 0 ? (
        <Alert type="error" showIcon title={(problems?.content.fields['variants'] ?? []).join(' ')} style={{ marginBottom: 12 }} />
      ) : null}
      <VariantTabs
        draft={contentOf(step)}
        active={step.variants.some((v) => v.language === language) ? language : 'ja'}
        onActiveChange={onLanguageChange}
        problems={problems?.content ?? { fields: {}, recurrence: {}, variants: {}, other: [] }}
        disabled={disabled}
        dispatch={(action) => dispatch({ type: 'content', key: step.key, action })}
      />
    </div>
  );
}

/** What the saved plan would send in the coming days, as the server counts it now. */
function UpcomingPanel({ plan }: { plan: DeliveryStepPlanFieldsFragment }) {
  const { t } = useTranslation();
  const stepOf = (send: DeliveryStepSendFieldsFragment) => {
    const index = plan.steps.findIndex((s) => s.id === send.stepId);
    const step = plan.steps[index];
    return step ? stepName(step, index + 1, t) : '—';
  };
  return (
    <section aria-labelledby="step-upcoming-title">
      <Typography.Title level={2} id="step-upcoming-title" style={{ fontSize: 18, marginBottom: 8 }}>
        {t('deliveries.steps.editor.upcoming.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('deliveries.steps.editor.upcoming.hint', { days: UPCOMING_DAYS })}
      </Typography.Paragraph>
      {!plan.enabled ? (
        <Alert type="info" showIcon title={t('deliveries.steps.editor.upcoming.disabled')} style={{ marginBottom: 8 }} />
      ) : null}
      {plan.upcoming.length === 0 ? (
        <Typography.Paragraph>{t('deliveries.steps.editor.upcoming.empty', { days: UPCOMING_DAYS })}</Typography.Paragraph>
      ) : (
        <Table<DeliveryStepSendFieldsFragment>
          size="small"
          rowKey={(send) => `${send.stepId}:${send.referenceDate}`}
          pagination={plan.upcoming.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          caption={<span className="visually-hidden">{t('deliveries.steps.editor.upcoming.caption')}</span>}
          dataSource={plan.upcoming}
          columns={[
            {
              title: t('deliveries.steps.editor.upcoming.columns.at'),
              key: 'at',
              render: (_: unknown, send) => <span className="nowrap">{formatJst(send.at)}</span>,
            },
            { title: t('deliveries.steps.editor.upcoming.columns.step'), key: 'step', render: (_: unknown, send) => stepOf(send) },
            {
              title: t('deliveries.steps.editor.upcoming.columns.referenceDate'),
              key: 'referenceDate',
              render: (_: unknown, send) => <span className="nowrap">{send.referenceDate.replaceAll('-', '/')}</span>,
            },
            {
              title: t('deliveries.steps.editor.upcoming.columns.recipients'),
              key: 'recipients',
              align: 'right',
              render: (_: unknown, send) => t('deliveries.steps.editor.upcoming.people', { n: send.recipients.toLocaleString('ja-JP') }),
            },
          ]}
        />
      )}
    </section>
  );
}
