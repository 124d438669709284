import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Radio, Select, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeliverySegmentsDocument, ImportDeliveryListDocument } from '../../../gql/graphql';
import type { DeliveryTargetKind } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { csvRowProblems, fieldsWithPaths } from '../lib/problems';
import { Field, FieldErrors, describedBy } from './field';

const TARGETS: readonly DeliveryTargetKind[] = ['ALL', 'SEGMENTS', 'LIST'];
/** The server lets a delivery target at most this many segments. */
export const MAX_SEGMENTS = 20;

export interface QueryFlags {
  withSegments: boolean;
  withChannel: boolean;
  withDepartment: boolean;
}

/** Who receives it: every friend, friends in any of some segments, or the residents of an uploaded list. */
export function TargetEditor({
  targetKind,
  segmentIds,
  onTargetKindChange,
  onSegmentIdsChange,
  savedSegments,
  delivery,
  flags,
  problems,
  disabled,
  canReadSegments,
}: {
  targetKind: DeliveryTargetKind;
  segmentIds: string[];
  onTargetKindChange: (kind: DeliveryTargetKind) => void;
  onSegmentIdsChange: (ids: string[]) => void;
  /** The saved delivery's segments (their names while the list loads, or when it cannot be read). */
  savedSegments: ReadonlyArray<{ id: string; name: string }>;
  /** The saved delivery, for its list; null while it is new. */
  delivery: { id: string; listSize: number } | null;
  flags: QueryFlags;
  problems: Record<string, readonly string[]>;
  disabled: boolean;
  canReadSegments: boolean;
}) {
  const { t } = useTranslation();
  const segmentsQuery = useQuery(DeliverySegmentsDocument, {
    variables: { first: 100 },
    skip: !canReadSegments || targetKind !== 'SEGMENTS',
  });
  const loaded = segmentsQuery.data?.segments.edges.map((e) => e.node) ?? [];
  const known = new Map<string, string>([
    ...savedSegments.map((s) => [s.id, s.name] as const),
    ...loaded.map((s) => [s.id, s.name] as const),
  ]);
  const options = [
    ...loaded.map((s) => ({
      value: s.id,
      label:
        s.lastCount === null
          ? s.name
          : t('deliveries.editor.target.segmentOption', { name: s.name, n: s.lastCount.toLocaleString('ja-JP') }),
    })),
    ...savedSegments.filter((s) => !loaded.some((l) => l.id === s.id)).map((s) => ({ value: s.id, label: s.name })),
    ...segmentIds.filter((id) => !known.has(id)).map((id) => ({ value: id, label: t('deliveries.editor.target.unknownSegment') })),
  ];
  const segmentErrors = problems['segmentIds'] ?? [];
  return (
    <div>
      <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
        <legend className="visually-hidden">{t('deliveries.editor.target.title')}</legend>
        <Radio.Group
          value={targetKind}
          disabled={disabled}
          optionType="button"
          buttonStyle="solid"
          options={TARGETS.map((value) => ({ value, label: t(`deliveries.target.${value}`) }))}
          onChange={(e) => onTargetKindChange(e.target.value as DeliveryTargetKind)}
        />
        <FieldErrors errors={problems['targetKind'] ?? []} />
      </fieldset>
      {targetKind === 'ALL' ? (
        <Alert type="warning" showIcon title={t('deliveries.editor.target.allHint')} style={{ marginBottom: 12 }} />
      ) : null}
      {targetKind === 'SEGMENTS' ? (
        canReadSegments ? (
          <Field
            id="delivery-segments"
            label={t('deliveries.editor.target.segments')}
            hint={t('deliveries.editor.target.segmentsHint', { max: MAX_SEGMENTS })}
            errors={segmentErrors}
          >
            <Select<string[]>
              {...describedBy('delivery-segments', segmentErrors, true)}
              mode="multiple"
              value={segmentIds}
              disabled={disabled}
              loading={segmentsQuery.loading}
              placeholder={t('deliveries.editor.target.segmentsPlaceholder')}
              options={options}
              showSearch={{ optionFilterProp: 'label' }}
              maxCount={MAX_SEGMENTS}
              notFoundContent={segmentsQuery.loading ? t('app.loading') : t('deliveries.editor.target.noSegments')}
              onChange={onSegmentIdsChange}
            />
          </Field>
        ) : (
          <>
            <Alert type="info" showIcon title={t('deliveries.editor.target.segmentsUnavailable')} style={{ marginBottom: 8 }} />
            <FieldErrors errors={segmentErrors} />
          </>
        )
      ) : null}
      {targetKind === 'LIST' ? <ListImport delivery={delivery} flags={flags} problems={problems['csv'] ?? []} disabled={disabled} /> : null}
    </div>
  );
}

/** The explicit list: a CSV of resident ids, imported at once (one bad row imports nothing), its problems by row. */
function ListImport({
  delivery,
  flags,
  problems,
  disabled,
}: {
  delivery: { id: string; listSize: number } | null;
  flags: QueryFlags;
  problems: readonly string[];
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [importList, importing] = useMutation(ImportDeliveryListDocument);
  const [failure, setFailure] = useState<unknown>(null);
  if (!delivery)
    return (
      <>
        <Alert type="info" showIcon title={t('deliveries.editor.list.saveFirst')} />
        <FieldErrors errors={problems} />
      </>
    );
  const rows = failure ? csvRowProblems(fieldsWithPaths(failure)) : [];
  const info = failure ? describeApiError(failure) : null;
  const upload = async (file: File) => {
    setFailure(null);
    try {
      const csv = await file.text();
      const result = await importList({ variables: { id: delivery.id, csv, ...flags } });
      const size = result.data?.importDeliveryList.delivery.listSize ?? 0;
      void message.success(t('deliveries.editor.list.imported', { n: size.toLocaleString('ja-JP') }));
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <div>
      <Typography.Paragraph>
        {delivery.listSize > 0
          ? t('deliveries.editor.list.size', { n: delivery.listSize.toLocaleString('ja-JP') })
          : t('deliveries.editor.list.empty')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('deliveries.editor.list.hint')}
      </Typography.Paragraph>
      {disabled ? null : (
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden="true" />} loading={importing.loading}>
            {delivery.listSize > 0 ? t('deliveries.editor.list.replace') : t('deliveries.editor.list.upload')}
          </Button>
        </Upload>
      )}
      <FieldErrors errors={problems} />
      {failure && info ? (
        rows.length > 0 ? (
          <div role="alert" style={{ marginTop: 12 }}>
            <Alert type="error" showIcon title={info.message ?? t('deliveries.editor.list.failed')} />
            <Table<{ row: number | null; message: string }>
              size="small"
              pagination={rows.length > 20 ? { pageSize: 20 } : false}
              rowKey={(row) => `${row.row ?? 'all'}-${row.message}`}
              style={{ marginTop: 8, maxWidth: 640 }}
              caption={<span className="visually-hidden">{t('deliveries.editor.list.errorsCaption')}</span>}
              dataSource={rows}
              columns={[
                {
                  title: t('deliveries.editor.list.row'),
                  key: 'row',
                  width: 90,
                  render: (_: unknown, row: { row: number | null }) =>
                    row.row === null ? '—' : t('deliveries.editor.list.rowValue', { n: row.row }),
                },
                { title: t('deliveries.editor.list.problem'), dataIndex: 'message', key: 'message' },
              ]}
            />
          </div>
        ) : (
          <ErrorAlert className="page-top-gap" error={failure} onClose={() => setFailure(null)} />
        )
      ) : null}
    </div>
  );
}
