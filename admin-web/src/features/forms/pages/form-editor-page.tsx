import {
  ArrowLeftOutlined,
  BarChartOutlined,
  CheckCircleOutlined,
  EyeOutlined,
  MessageOutlined,
  SaveOutlined,
  SendOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Form, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { checkDefinition, talkEligibility } from '@machi/form-engine';
import type { FormDefinition } from '@machi/form-engine';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { FormDocument, PublishFormDocument, UpdateFormDocument } from '../../../gql/graphql';
import type { FormDetailFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { FormBuilder } from '../components/form-builder';
import { FormPreviewDrawer } from '../components/form-preview';
import { FormSettings, SETTINGS_FIELDS, settingsInputOf, settingsValuesOf } from '../components/form-settings';
import type { SettingsValues } from '../components/form-settings';
import { FormStatusTag } from '../components/status-tags';
import { useBuilderAttributes } from '../components/use-builder-attributes';
import { definitionOf, groupProblems } from '../lib/definition-edit';

export function FormEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(FormDocument, { variables: { id } });
  const back = (
    <Link to="/forms">
      <ArrowLeftOutlined aria-hidden="true" /> {t('forms.editor.back')}
    </Link>
  );
  if (error && !data) {
    return (
      <>
        {back}
        <PageHeader title={t('forms.list.title')} />
        <ErrorAlert className="page-top-gap" error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  if (loading && !data) return <LoadingState rows={10} />;
  const form = data?.form;
  if (!form) return null;
  // The editor keeps its own working copy; saving sends it and leaves it in place (the selection too).
  return (
    <>
      {back}
      <FormEditor key={form.id} form={form} />
    </>
  );
}

/** The editor of one form: its draft definition and settings, saved together; publishing makes a version. */
export function FormEditor({ form }: { form: FormDetailFieldsFragment }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('forms.manage');
  const canReadSubmissions = can('forms.submissions.read');
  const [settingsForm] = Form.useForm<SettingsValues>();
  const initialSettings = useMemo(() => settingsValuesOf(form), [form]);
  const errors = useFormErrors(settingsForm, SETTINGS_FIELDS, { audienceCondition: 'audienceAttributeKey' });
  const [definition, setDefinition] = useState<FormDefinition>(() => definitionOf(form.draftDefinition));
  const [dirty, setDirty] = useState(false);
  const [selectedFieldId, setSelectedFieldId] = useState<string | null>(null);
  const [targetPageId, setTargetPageId] = useState<string>(() => definitionOf(form.draftDefinition).pages[0]?.id ?? '');
  const [previewOpen, setPreviewOpen] = useState(false);
  const [tab, setTab] = useState('builder');
  const { attributes, unavailable } = useBuilderAttributes();
  const [update, { loading: saving }] = useMutation(UpdateFormDocument);
  const [publish, { loading: publishing }] = useMutation(PublishFormDocument, { refetchQueries: ['Forms'] });

  const check = useMemo(() => checkDefinition(definition), [definition]);
  const problems = useMemo(() => groupProblems(definition, check.ok ? [] : check.problems), [definition, check]);
  const problemCount = check.ok ? 0 : check.problems.length;
  const talk = useMemo(() => talkEligibility(definition), [definition]);

  const change = (next: FormDefinition) => {
    setDefinition(next);
    setDirty(true);
  };

  /** Saves settings and definition as the draft; false when something stopped it. */
  const save = async (): Promise<boolean> => {
    errors.clear();
    let values: SettingsValues;
    try {
      values = await settingsForm.validateFields();
    } catch {
      setTab('settings');
      return false;
    }
    try {
      await update({
        variables: { id: form.id, input: { ...settingsInputOf(values), definition: definition } },
      });
      setDirty(false);
      return true;
    } catch (e) {
      setTab('settings');
      errors.handle(e);
      return false;
    }
  };

  const onSave = async () => {
    if (await save()) void message.success(t('forms.editor.saved'));
  };

  const nextVersion = (form.publishedVersion?.number ?? 0) + 1;
  const publishNeeded = dirty || form.hasUnpublishedChanges || !form.publishedVersion;

  const onPublish = () => {
    void modal.confirm({
      title: t('forms.editor.publishTitle'),
      content: (
        <>
          <p>{t('forms.editor.publishDescription')}</p>
          {dirty ? <p>{t('forms.editor.publishUnsavedNote')}</p> : null}
        </>
      ),
      okText: form.publishedVersion ? t('forms.editor.publishNew', { number: nextVersion }) : t('forms.editor.publishFirst'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (dirty && !(await save())) return;
        try {
          const result = await publish({ variables: { id: form.id } });
          const number = result.data?.publishForm.form.publishedVersion?.number ?? nextVersion;
          void message.success(t('forms.editor.published', { number }));
        } catch (e) {
          errors.handle(e);
          setTab('settings');
        }
      },
    });
  };

  const stateText = !form.publishedVersion
    ? t('forms.editor.state.draft')
    : form.status === 'CLOSED'
      ? t('forms.editor.state.closed', { number: form.publishedVersion.number })
      : form.hasUnpublishedChanges || dirty
        ? t('forms.editor.state.unpublishedChanges', { number: form.publishedVersion.number })
        : t('forms.editor.state.published', { number: form.publishedVersion.number });

  const talkBadge = (
    <Tooltip
      title={
        talk.eligible ? (
          t('forms.editor.talk.eligibleDescription')
        ) : (
          <>
            {t('forms.editor.talk.notEligibleDescription')}
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {talk.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </>
        )
      }
    >
      <Tag icon={<MessageOutlined />} color={talk.eligible ? 'green' : 'default'} tabIndex={0}>
        {talk.eligible ? t('forms.editor.talk.eligible') : t('forms.editor.talk.notEligible')}
      </Tag>
    </Tooltip>
  );

  return (
    <>
      <PageHeader
        title={form.title}
        description={
          <Space size={8} wrap>
            <FormStatusTag status={form.status} />
            <span>{stateText}</span>
            {dirty ? <Tag color="gold">{t('forms.editor.unsaved')}</Tag> : null}
            {talkBadge}
          </Space>
        }
        extra={
          <>
            <Button icon={<EyeOutlined />} onClick={() => setPreviewOpen(true)}>
              {t('forms.editor.preview')}
            </Button>
            {canReadSubmissions ? (
              <>
                <Button icon={<UnorderedListOutlined />} onClick={() => void navigate(`/forms/${form.id}/submissions`)}>
                  {t('forms.list.actions.submissions')}
                </Button>
                <Button icon={<BarChartOutlined />} onClick={() => void navigate(`/forms/${form.id}/summary`)}>
                  {t('forms.list.actions.summary')}
                </Button>
              </>
            ) : null}
            {canManage ? (
              <>
                <Button icon={<SaveOutlined />} loading={saving} disabled={problemCount > 0} onClick={() => void onSave()}>
                  {t('forms.editor.save')}
                </Button>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={publishing}
                  disabled={problemCount > 0 || !publishNeeded}
                  onClick={onPublish}
                >
                  {form.publishedVersion ? t('forms.editor.publishNew', { number: nextVersion }) : t('forms.editor.publishFirst')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {form.publishedVersion ? (
        <Typography.Paragraph>
          {t('forms.editor.residentUrl')}：<code>{form.residentPath}</code>
        </Typography.Paragraph>
      ) : null}
      {problemCount > 0 ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          role="status"
          title={t('forms.editor.problemsTitle', { count: problemCount })}
          description={
            <>
              {t('forms.editor.problemsDescription')}
              {problems.form.length > 0 ? (
                <ul className="error-list">
                  {problems.form.map((p) => (
                    <li key={`${p.path}:${p.message}`}>{p.message}</li>
                  ))}
                </ul>
              ) : null}
            </>
          }
        />
      ) : (
        <Alert
          className="form-alert"
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          role="status"
          title={t('forms.editor.noProblems')}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'builder',
            label: t('forms.editor.tabs.builder'),
            children: (
              <FormBuilder
                definition={definition}
                onChange={change}
                problems={problems}
                selectedFieldId={selectedFieldId}
                onSelectField={setSelectedFieldId}
                targetPageId={targetPageId}
                onTargetPage={setTargetPageId}
                attributes={attributes}
                attributesUnavailable={unavailable}
              />
            ),
          },
          {
            key: 'settings',
            label: t('forms.editor.tabs.settings'),
            // Always mounted: saving reads and validates the settings from any tab.
            forceRender: true,
            children: (
              <FormSettings
                form={settingsForm}
                saved={form}
                initialValues={initialSettings}
                attributes={attributes}
                attributesUnavailable={unavailable}
                confirmation={definition.confirmation !== false}
                onConfirmationChange={(confirmation) => {
                  change({ ...definition, confirmation });
                }}
                onChange={() => setDirty(true)}
                disabled={!canManage}
                errorsAlert={errors.alert}
              />
            ),
          },
          {
            key: 'versions',
            label: t('forms.editor.tabs.versions'),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                caption={<span className="visually-hidden">{t('forms.editor.tabs.versions')}</span>}
                locale={{ emptyText: t('forms.editor.versions.empty') }}
                dataSource={[...form.versions].sort((a, b) => b.number - a.number)}
                columns={[
                  {
                    title: t('forms.submissions.columns.version'),
                    key: 'number',
                    render: (_: unknown, v) => (
                      <Space size={4}>
                        {t('forms.editor.versions.number', { number: v.number })}
                        {v.id === form.publishedVersion?.id ? <Tag color="green">{t('forms.editor.versions.current')}</Tag> : null}
                      </Space>
                    ),
                  },
                  { title: t('forms.editor.versions.publishedAt'), key: 'at', render: (_: unknown, v) => formatDateTime(v.publishedAt) },
                  { title: t('forms.editor.versions.publishedBy'), key: 'by', render: (_: unknown, v) => v.publishedByName ?? '—' },
                ]}
              />
            ),
          },
        ]}
      />
      <FormPreviewDrawer
        open={previewOpen}
        onClose={() => setPreviewOpen(false)}
        title={String(settingsForm.getFieldValue('title') ?? form.title)}
        description={form.description}
        definition={definition}
      />
    </>
  );
}
