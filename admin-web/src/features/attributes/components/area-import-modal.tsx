import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Alert, Button, Modal, Result, Spin, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportAreaOptionsDocument } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { countCsvRows, csvRowErrors, type CsvRowError } from '../lib/csv-errors';

type Outcome =
  | { kind: 'done'; created: number; updated: number; unchanged: number }
  | { kind: 'rows'; rows: CsvRowError[] }
  | { kind: 'error'; error: unknown };

/** Area options from a CSV: choose, check and import (all or nothing), with every problem by row and column. */
export function AreaImportModal({ attributeId, onClose }: { attributeId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [run, running] = useMutation(ImportAreaOptionsDocument);
  const step = outcome?.kind === 'done' ? 2 : file ? 1 : 0;

  const start = () => {
    if (!file) return;
    setOutcome(null);
    run({ variables: { attributeId, csv: file.text } }).then(
      (res) => {
        const r = res.data?.importAreaOptions;
        if (r) setOutcome({ kind: 'done', created: r.created, updated: r.updated, unchanged: r.unchanged });
      },
      (error: unknown) => {
        const rows = csvRowErrors(describeApiError(error).fields);
        setOutcome(rows.length ? { kind: 'rows', rows } : { kind: 'error', error });
      },
    );
  };

  return (
    <Modal
      open
      title={t('attributes.import.title')}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        outcome?.kind === 'done'
          ? [
              <Button key="close" type="primary" onClick={onClose}>
                {t('attributes.drawer.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="run" type="primary" disabled={!file} loading={running.loading} onClick={start}>
                {t('attributes.import.run')}
              </Button>,
            ]
      }
    >
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('attributes.import.steps.choose') },
          { title: t('attributes.import.steps.check') },
          { title: t('attributes.import.steps.done') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph>{t('attributes.import.description')}</Typography.Paragraph>
      {outcome?.kind === 'done' ? (
        <Result status="success" title={t('attributes.import.done', outcome)} />
      ) : (
        <>
          <Upload
            accept=".csv,text/csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(picked) => {
              void picked.text().then((text) => {
                setFile({ name: picked.name, text });
                setOutcome(null);
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden="true" />}>{t('attributes.import.choose')}</Button>
          </Upload>
          {file ? (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              <code>{file.name}</code> {t('attributes.import.rows', { count: countCsvRows(file.text) })}
            </Typography.Paragraph>
          ) : null}
          {running.loading ? (
            <div role="status" style={{ marginTop: 12 }}>
              <Spin /> {t('attributes.import.running')}
            </div>
          ) : null}
          {outcome?.kind === 'error' ? <ErrorAlert className="form-alert" error={outcome.error} /> : null}
          {outcome?.kind === 'rows' ? (
            <>
              <Alert type="error" showIcon title={t('attributes.import.errorsTitle')} style={{ margin: '12px 0' }} />
              <Table
                size="small"
                rowKey={(r) => `${r.line}:${r.column}`}
                pagination={outcome.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                dataSource={outcome.rows}
                columns={[
                  { key: 'line', title: t('attributes.import.errorColumns.line'), dataIndex: 'line', width: 64 },
                  {
                    key: 'column',
                    title: t('attributes.import.errorColumns.column'),
                    render: (_, r) => t(`attributes.import.columnNames.${r.column}`),
                    width: 96,
                  },
                  { key: 'message', title: t('attributes.import.errorColumns.message'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}
        </>
      )}
    </Modal>
  );
}
