import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Col, ConfigProvider, Form, Input, Row, Typography } from 'antd';
import type { ThemeConfig } from 'antd';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import {
  CountSegmentConditionDocument,
  CreateSegmentDocument,
  SegmentAttributesDocument,
  SegmentDocument,
  UpdateSegmentDocument,
} from '../../../gql/graphql';
import type { SegmentDetailFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { EditorFailures } from '../../../shared/ui/editor-failures';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { ForbiddenResult } from '../../../shared/ui/forbidden-result';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { ConditionTreeEditor } from '../components/condition-tree-editor';
import { CountPanel } from '../components/count-panel';
import type { LiveCount } from '../components/count-panel';
import { fieldsWithPaths, localProblems } from '../lib/condition-check';
import { COUNT_DEBOUNCE_MS } from '../lib/live-count';
import { fromCondition, initialTree, nodeNumbers, problemsByNode, toCondition, treeReducer } from '../lib/condition-tree';
import type { GroupNode, SegmentConditionJson } from '../lib/condition-tree';

const READ_ONLY_THEME: ThemeConfig = { token: { colorTextDisabled: 'rgba(0, 0, 0, 0.78)', colorBgContainerDisabled: '#fafafa' } };

interface DetailsValues {
  name: string;
  description: string;
}

export function SegmentEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const { data, loading, error, refetch } = useQuery(SegmentDocument, {
    variables: { id: id ?? '', withDepartment: can('departments.read') },
    skip: !id,
  });
  const back = (
    <Link to="/segments">
      <ArrowLeftOutlined aria-hidden="true" /> {t('segments.editor.back')}
    </Link>
  );
  // The route is open with segments.read (as the list is); a new segment needs segments.manage.
  if (!id && !can('segments.manage')) return <ForbiddenResult />;
  if (!id)
    return (
      <>
        {back}
        <SegmentEditor segment={null} />
      </>
    );
  if (error && !data)
    return (
      <>
        {back}
        <PageHeader title={t('segments.list.title')} />
        <ErrorAlert className="page-top-gap" error={error} onRetry={() => void refetch()} />
      </>
    );
  if (loading && !data) return <LoadingState rows={10} />;
  const segment = data?.segment;
  if (!segment) return null;
  return (
    <>
      {back}
      <SegmentEditor key={segment.id} segment={segment} />
    </>
  );
}

/** The value once it has stayed the same for `ms`; the first value at once (an opened segment is counted straight away). */
function useSettled<T>(value: T, key: string, ms: number): { value: T; key: string } {
  const [settled, setSettled] = useState({ value, key });
  useEffect(() => {
    if (settled.key === key) return;
    const timer = setTimeout(() => {
      setSettled({ value, key });
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  }, [key, value, ms, settled.key]);
  return settled;
}

/** The editor of one segment (or a new one): name, description and the condition tree with its live count. */
export function SegmentEditor({ segment }: { segment: SegmentDetailFieldsFragment | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('segments.manage');
  const canReadAttributes = can('attributes.read');
  const canSample = can('residents.read') && canReadAttributes;
  const withDepartment = can('departments.read');
  const [detailsForm] = Form.useForm<DetailsValues>();
  const [tree, dispatch] = useReducer(treeReducer, segment, (s): GroupNode => (s ? fromCondition(s.condition) : initialTree()));
  const [sendDay, setSendDay] = useState<string | null>(null);
  // The conditions a refused save found unfinished: their notes then show as errors, not hints
  // (a condition added afterwards starts quietly unfinished again).
  const [flagged, setFlagged] = useState<ReadonlySet<string>>(new Set());
  const attributesQuery = useQuery(SegmentAttributesDocument, { skip: !canReadAttributes });
  const definitions = attributesQuery.data?.attributeDefinitions;
  const attributes = useMemo(() => (canReadAttributes ? (definitions ?? []) : null), [canReadAttributes, definitions]);

  const { condition, paths } = useMemo(() => toCondition(tree), [tree]);
  const numbers = useMemo(() => nodeNumbers(tree), [tree]);
  const countKey = useMemo(() => JSON.stringify([condition, sendDay]), [condition, sendDay]);
  const conditionKey = useMemo(() => JSON.stringify(condition), [condition]);
  const unfinished = useMemo(() => localProblems(tree, attributes ?? [], t), [tree, attributes, t]);
  const incomplete = unfinished.size > 0;
  // Memoised: a new object each render would restart the debounce on every render.
  const countInput = useMemo(() => (incomplete ? null : { condition, day: sendDay }), [incomplete, condition, sendDay]);
  const settled = useSettled<{ condition: SegmentConditionJson; day: string | null } | null>(
    countInput,
    incomplete ? '' : countKey,
    COUNT_DEBOUNCE_MS,
  );

  const countQuery = useQuery(CountSegmentConditionDocument, {
    variables: { condition: settled.value?.condition ?? {}, options: settled.value?.day ? { day: settled.value.day } : null },
    skip: settled.value === null,
    notifyOnNetworkStatusChange: true,
  });
  const countCurrent = settled.key === countKey;
  const countFields = countQuery.error && countCurrent ? fieldsWithPaths(countQuery.error) : {};
  const live: LiveCount = {
    count: incomplete
      ? null
      : (countQuery.data?.countSegmentCondition.count ?? countQuery.previousData?.countSegmentCondition.count ?? null),
    day: countQuery.data?.countSegmentCondition.day ?? null,
    loading: !incomplete && (countQuery.loading || !countCurrent),
    error: incomplete || !countCurrent ? undefined : countQuery.error,
    problemCount: Object.keys(countFields).length,
    refetch: () => void countQuery.refetch().catch(() => undefined),
  };

  // Problems the server found when saving, for the tree as it was saved.
  const [saveError, setSaveError] = useState<{ error: unknown; key: string } | null>(null);
  const saveFields = saveError && saveError.key === conditionKey ? fieldsWithPaths(saveError.error) : {};
  const serverProblems = problemsByNode({ ...countFields, ...saveFields }, tree, paths);
  const flaggedUnfinished = new Map([...unfinished].filter(([nodeId]) => flagged.has(nodeId)));
  const shownProblems = mergeProblems(serverProblems, flaggedUnfinished);

  const [createSegment, creating] = useMutation(CreateSegmentDocument, { refetchQueries: ['Segments'] });
  const [updateSegment, updating] = useMutation(UpdateSegmentDocument, { refetchQueries: ['Segments'] });

  const save = async () => {
    let values: DetailsValues;
    try {
      values = await detailsForm.validateFields();
    } catch {
      return;
    }
    if (incomplete) {
      setFlagged(new Set(unfinished.keys()));
      return;
    }
    setFlagged(new Set());
    setSaveError(null);
    const input = { name: values.name.trim(), description: values.description.trim() || null, condition };
    try {
      if (segment) {
        await updateSegment({ variables: { id: segment.id, input, withDepartment } });
        void message.success(t('segments.editor.saved', { name: input.name }));
      } else {
        const result = await createSegment({ variables: { input, withDepartment } });
        void message.success(t('segments.editor.created', { name: input.name }));
        const id = result.data?.createSegment.segment.id;
        if (id) void navigate(`/segments/${id}`, { replace: true });
      }
    } catch (error) {
      const fields = fieldsWithPaths(error);
      detailsForm.setFields(
        (['name', 'description'] as const).filter((name) => fields[name]).map((name) => ({ name, errors: [fields[name] ?? ''] })),
      );
      setSaveError({ error, key: conditionKey });
    }
  };

  // What stops saving, each named by its condition (「条件 2：…」), so staff know where to look.
  const blocking = flaggedUnfinished.size > 0 ? flaggedUnfinished : problemsByNode(saveFields, tree, paths);
  const blockingList = [
    ...[...blocking.entries()].flatMap(([nodeId, messages]) =>
      messages.map((m) => {
        const number = numbers.get(nodeId);
        return number ? t('segments.editor.problemAt', { condition: t('segments.tree.condition', { number }), message: m }) : m;
      }),
    ),
    ...(flaggedUnfinished.size > 0 ? [] : Object.entries(saveFields).flatMap(([key, m]) => (key.startsWith('condition') ? [] : [m]))),
  ];
  const title = segment?.name ?? t('segments.editor.newTitle');
  return (
    <>
      <PageHeader
        title={title}
        description={
          segment ? (
            <>
              {segment.department ? (
                <span style={{ marginRight: 16 }}>{t('segments.editor.department', { name: segment.department.name })}</span>
              ) : null}
              {t('segments.editor.updatedAt', { at: formatDateTime(segment.updatedAt) })}
            </>
          ) : (
            t('segments.list.description')
          )
        }
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<SaveOutlined aria-hidden="true" />}
              loading={creating.loading || updating.loading}
              onClick={() => void save()}
            >
              {t('segments.editor.save')}
            </Button>
          ) : null
        }
      />
      {canManage ? null : <Alert className="form-alert" type="info" showIcon title={t('segments.editor.readOnly')} />}
      <EditorFailures
        failure={saveError}
        onClose={() => setSaveError(null)}
        messages={blockingList}
        title={t('segments.editor.notSaved')}
      />
      {/* Read-only staff read the condition: disabled fields keep a legible text colour. */}
      <ConfigProvider theme={canManage ? undefined : READ_ONLY_THEME}>
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={16}>
            <Form<DetailsValues>
              form={detailsForm}
              layout="vertical"
              name="segment-details"
              disabled={!canManage}
              initialValues={{ name: segment?.name ?? '', description: segment?.description ?? '' }}
            >
              <Form.Item
                name="name"
                label={t('segments.editor.name')}
                rules={[
                  { required: true, whitespace: true, message: t('segments.editor.nameRequired') },
                  { max: 100, message: t('segments.editor.nameTooLong') },
                ]}
              >
                <Input placeholder={t('segments.editor.namePlaceholder')} maxLength={100} />
              </Form.Item>
              <Form.Item name="description" label={t('segments.editor.description')}>
                <Input.TextArea
                  placeholder={t('segments.editor.descriptionPlaceholder')}
                  maxLength={2000}
                  autoSize={{ minRows: 2, maxRows: 6 }}
                />
              </Form.Item>
            </Form>
            <section aria-labelledby="segment-condition-title">
              <Typography.Title level={2} id="segment-condition-title" style={{ fontSize: 18 }}>
                {t('segments.editor.condition')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t('segments.editor.conditionHelp')}</Typography.Paragraph>
              <ConditionTreeEditor
                tree={tree}
                dispatch={dispatch}
                attributes={attributes}
                attributesLoading={attributesQuery.loading && !definitions}
                canUseForms={can('forms.read')}
                canUseDeliveries={can('deliveries.read')}
                canUseChannels={can('channels.read')}
                problems={shownProblems}
                hints={unfinished}
                disabled={!canManage}
              />
              <details style={{ marginTop: 16 }}>
                <summary>{t('segments.editor.showJson')}</summary>
                <pre
                  aria-label={t('segments.editor.jsonLabel')}
                  tabIndex={0}
                  style={{ background: '#f5f5f5', padding: 12, borderRadius: 6, overflowX: 'auto', fontSize: 13 }}
                >
                  {JSON.stringify(condition, null, 2)}
                </pre>
              </details>
            </section>
          </Col>
          <Col xs={24} xl={8}>
            <div style={{ position: 'sticky', top: 16 }}>
              <CountPanel
                live={live}
                incomplete={incomplete}
                condition={incomplete ? null : condition}
                canSample={canSample}
                sendDay={sendDay}
                onSendDayChange={setSendDay}
              />
            </div>
          </Col>
        </Row>
      </ConfigProvider>
    </>
  );
}

function mergeProblems(a: ReadonlyMap<string, readonly string[]>, b: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const map of [a, b]) for (const [id, messages] of map) out.set(id, [...new Set([...(out.get(id) ?? []), ...messages])]);
  return out;
}
