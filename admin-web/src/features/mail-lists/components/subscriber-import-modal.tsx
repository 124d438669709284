import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Descriptions, Modal, Result, Spin, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportMailListSubscribersDocument } from '../../../gql/graphql';
import type { ImportMailListSubscribersMutation } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { countLines, csvLineProblems, looksGarbled } from '../lib/subscriber-csv';
import type { CsvLineProblem } from '../lib/subscriber-csv';

type Outcome =
  | { kind: 'done'; result: ImportMailListSubscribersMutation['importMailListSubscribers'] }
  | { kind: 'lines'; problems: CsvLineProblem[] }
  | { kind: 'error'; error: unknown };

/** Subscribers from a CSV of addresses: choose it, say whether the city holds their consent, import (all or nothing). */
export function SubscriberImportModal({ list, onClose }: { list: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [consentHeld, setConsentHeld] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [run, running] = useMutation(ImportMailListSubscribersDocument, {
    refetchQueries: ['MailListSubscribers', 'MailList', 'MailLists'],
  });
  const garbled = file ? looksGarbled(file.text) : false;
  const step = outcome?.kind === 'done' ? 2 : file ? 1 : 0;

  const start = () => {
    if (!file || garbled) return;
    setOutcome(null);
    run({ variables: { input: { listId: list.id, csv: file.text, consentHeld } } }).then(
      (res) => {
        const result = res.data?.importMailListSubscribers;
        if (result) setOutcome({ kind: 'done', result });
      },
      (error: unknown) => {
        const problems = csvLineProblems(error);
        setOutcome(problems.length ? { kind: 'lines', problems } : { kind: 'error', error });
      },
    );
  };

  const n = (value: number) => t('mailLists.import.count', { n: value.toLocaleString('ja-JP') });
  return (
    <Modal
      open
      title={t('mailLists.import.title', { name: list.name })}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        outcome?.kind === 'done'
          ? [
              <Button key="close" type="primary" onClick={onClose}>
                {t('common.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="run" type="primary" disabled={!file || garbled} loading={running.loading} onClick={start}>
                {t('mailLists.import.run')}
              </Button>,
            ]
      }
    >
      <Steps
        size="small"
        current={step}
        items={[
          { title: t('mailLists.import.steps.choose') },
          { title: t('mailLists.import.steps.check') },
          { title: t('mailLists.import.steps.done') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {outcome?.kind === 'done' ? (
        <>
          <Result status="success" title={<span role="status">{t('mailLists.import.done')}</span>} style={{ padding: '16px 0' }} />
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'addresses', label: t('mailLists.import.result.addresses'), children: n(outcome.result.addresses) },
              { key: 'added', label: t('mailLists.import.result.added'), children: n(outcome.result.added) },
              { key: 'confirmed', label: t('mailLists.import.result.confirmed'), children: n(outcome.result.confirmed) },
              {
                key: 'confirmationsSent',
                label: t('mailLists.import.result.confirmationsSent'),
                children: n(outcome.result.confirmationsSent),
              },
              {
                key: 'alreadyConfirmed',
                label: t('mailLists.import.result.alreadyConfirmed'),
                children: n(outcome.result.alreadyConfirmed),
              },
            ]}
          />
        </>
      ) : (
        <>
          <Typography.Paragraph>{t('mailLists.import.description')}</Typography.Paragraph>
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
            <Button icon={<UploadOutlined aria-hidden="true" />}>
              {file ? t('mailLists.import.chooseAgain') : t('mailLists.import.choose')}
            </Button>
          </Upload>
          {file ? (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              <code>{t('mailLists.import.chosen', { name: file.name, rows: countLines(file.text).toLocaleString('ja-JP') })}</code>
            </Typography.Paragraph>
          ) : null}
          {garbled ? <Alert type="error" showIcon role="alert" title={t('mailLists.import.notUtf8')} style={{ marginTop: 8 }} /> : null}
          <div style={{ marginTop: 16 }}>
            <Checkbox
              checked={consentHeld}
              onChange={(e) => setConsentHeld(e.target.checked)}
              aria-describedby="subscriber-import-consent-hint"
            >
              {t('mailLists.import.consent')}
            </Checkbox>
            <Typography.Paragraph id="subscriber-import-consent-hint" type="secondary" style={{ fontSize: 13, marginTop: 4 }}>
              {t('mailLists.import.consentHint')}
            </Typography.Paragraph>
          </div>
          {running.loading ? (
            <div role="status" style={{ marginTop: 12 }}>
              <Spin /> {t('mailLists.import.running')}
            </div>
          ) : null}
          {outcome?.kind === 'error' ? <ErrorAlert className="form-alert" error={outcome.error} /> : null}
          {outcome?.kind === 'lines' ? (
            <>
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('mailLists.import.errorsTitle')}
                description={t('mailLists.import.errorsHint')}
                style={{ margin: '12px 0' }}
              />
              <Table<CsvLineProblem>
                size="small"
                rowKey={(p) => `${p.line ?? 'file'}:${p.message}`}
                pagination={outcome.problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                caption={<span className="visually-hidden">{t('mailLists.import.caption')}</span>}
                dataSource={outcome.problems}
                columns={[
                  {
                    key: 'line',
                    title: t('mailLists.import.row'),
                    width: 120,
                    render: (_: unknown, p) =>
                      p.line === null ? t('mailLists.import.whole') : t('mailLists.import.rowValue', { n: p.line }),
                  },
                  { key: 'message', title: t('mailLists.import.problem'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}
        </>
      )}
    </Modal>
  );
}
