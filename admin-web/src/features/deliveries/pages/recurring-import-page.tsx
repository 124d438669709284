import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Collapse, Flex, Progress, Result, Select, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { DeliveryChannelsDocument, ImportRecurringDeliveriesDocument } from '../../../gql/graphql';
import type { DeliveryImportFormat } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { ForbiddenResult } from '../../../shared/ui/forbidden-result';
import { PageHeader } from '../../../shared/ui/page-header';
import { EditorSection } from '../components/editor-section';
import { Field, describedBy } from '../components/field';
import { fieldsWithPaths } from '../lib/problems';
import {
  IMPORT_COLUMNS,
  MAX_FILE_CHARS,
  TEMPLATE_CSV,
  TEMPLATE_XLSX,
  fileSize,
  formatOf,
  importProblems,
  looksGarbled,
  readImportFile,
} from '../lib/recurring-import';
import type { ImportProblem } from '../lib/recurring-import';

interface ChosenFile {
  file: File;
  format: DeliveryImportFormat;
}

type Outcome =
  | { kind: 'done'; created: number }
  | { kind: 'problems'; problems: ImportProblem[]; message: string | null }
  | { kind: 'error'; error: unknown };

type Phase = { kind: 'idle' } | { kind: 'reading'; percent: number } | { kind: 'checking' };

/**
 * Recurring deliveries in bulk (SEG-10): the template, a file, every problem by row and column
 * (nothing is imported unless every row is right), then the drafts it created.
 */
export function RecurringImportPage() {
  const { t } = useTranslation();
  const can = useCan();
  const back = (
    <Link to="/deliveries">
      <ArrowLeftOutlined aria-hidden="true" /> {t('deliveries.bulkImport.backToList')}
    </Link>
  );
  // The route is open with deliveries.read (as the list is); importing needs deliveries.manage.
  if (!can('deliveries.manage')) return <ForbiddenResult />;
  return (
    <>
      {back}
      <RecurringImport />
    </>
  );
}

function RecurringImport() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const withChannel = can('channels.read');
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [channelId, setChannelId] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const channelsQuery = useQuery(DeliveryChannelsDocument, { skip: !withChannel });
  const [importDeliveries] = useMutation(ImportRecurringDeliveriesDocument, { refetchQueries: ['Deliveries'] });
  const channels = channelsQuery.data?.lineChannels ?? [];
  const busy = phase.kind !== 'idle';

  const choose = (file: File) => {
    setOutcome(null);
    const format = formatOf(file);
    if (!format) {
      setChosen(null);
      setFileProblem(t('deliveries.bulkImport.file.unsupported'));
      return;
    }
    setFileProblem(null);
    setChosen({ file, format });
  };

  const run = async () => {
    if (!chosen) return;
    setOutcome(null);
    setFileProblem(null);
    setPhase({ kind: 'reading', percent: 0 });
    let content: string;
    try {
      content = await readImportFile(chosen.file, chosen.format, (percent) => setPhase({ kind: 'reading', percent }));
    } catch {
      setPhase({ kind: 'idle' });
      setFileProblem(t('deliveries.bulkImport.file.unreadable'));
      return;
    }
    // What the server would refuse, said before sending it a megabyte.
    if (content.length > MAX_FILE_CHARS) {
      setPhase({ kind: 'idle' });
      setFileProblem(t('deliveries.bulkImport.file.tooLarge'));
      return;
    }
    if (chosen.format === 'CSV' && looksGarbled(content)) {
      setPhase({ kind: 'idle' });
      setFileProblem(t('deliveries.bulkImport.file.notUtf8'));
      return;
    }
    setPhase({ kind: 'checking' });
    try {
      const result = await importDeliveries({ variables: { file: content, format: chosen.format, channelId } });
      setOutcome({ kind: 'done', created: result.data?.importRecurringDeliveries.created ?? 0 });
    } catch (error) {
      const info = describeApiError(error);
      const problems = info.code === 'BAD_USER_INPUT' ? importProblems(fieldsWithPaths(error)) : [];
      setOutcome(problems.length ? { kind: 'problems', problems, message: info.message } : { kind: 'error', error });
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const again = () => {
    setChosen(null);
    setOutcome(null);
    setFileProblem(null);
  };

  const current = outcome?.kind === 'done' ? 3 : busy || outcome ? 2 : chosen ? 1 : 0;
  return (
    <>
      <PageHeader title={t('deliveries.bulkImport.title')} description={t('deliveries.bulkImport.description')} />
      <Steps
        size="small"
        current={current}
        style={{ marginBottom: 24, maxWidth: 900 }}
        items={[
          { title: t('deliveries.bulkImport.progress.template') },
          { title: t('deliveries.bulkImport.progress.file') },
          { title: t('deliveries.bulkImport.progress.check') },
          { title: t('deliveries.bulkImport.progress.done') },
        ]}
      />
      {outcome?.kind === 'done' ? (
        <Result
          status="success"
          title={<span role="status">{t('deliveries.bulkImport.done.title', { n: outcome.created.toLocaleString('ja-JP') })}</span>}
          subTitle={t('deliveries.bulkImport.done.body')}
          extra={[
            <Button key="list" type="primary" onClick={() => void navigate('/deliveries')}>
              {t('deliveries.bulkImport.done.toList')}
            </Button>,
            <Button key="again" onClick={again}>
              {t('deliveries.bulkImport.done.again')}
            </Button>,
          ]}
        />
      ) : (
        <div style={{ maxWidth: 1100 }}>
          <EditorSection id="import-template-title" title={t('deliveries.bulkImport.template.title')}>
            <Typography.Paragraph>{t('deliveries.bulkImport.template.body')}</Typography.Paragraph>
            <Flex gap="small" wrap style={{ marginBottom: 16 }}>
              <Button href={TEMPLATE_CSV} download icon={<DownloadOutlined aria-hidden="true" />}>
                {t('deliveries.bulkImport.template.csv')}
              </Button>
              <Button href={TEMPLATE_XLSX} download icon={<FileExcelOutlined aria-hidden="true" />}>
                {t('deliveries.bulkImport.template.xlsx')}
              </Button>
            </Flex>
            <Collapse
              size="small"
              style={{ maxWidth: 900 }}
              items={[
                {
                  key: 'columns',
                  label: t('deliveries.bulkImport.template.columnsCaption'),
                  forceRender: true,
                  children: <ColumnsTable />,
                },
              ]}
            />
          </EditorSection>
          <EditorSection id="import-file-title" title={t('deliveries.bulkImport.file.title')}>
            <Typography.Paragraph type="secondary">{t('deliveries.bulkImport.file.hint')}</Typography.Paragraph>
            <Flex gap="middle" align="center" wrap style={{ marginBottom: 12 }}>
              <Upload
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                showUploadList={false}
                disabled={busy}
                beforeUpload={(file) => {
                  choose(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined aria-hidden="true" />} disabled={busy}>
                  {chosen ? t('deliveries.bulkImport.file.chooseAgain') : t('deliveries.bulkImport.file.choose')}
                </Button>
              </Upload>
              {chosen ? (
                <Typography.Text>
                  <code>{t('deliveries.bulkImport.file.chosen', { name: chosen.file.name, size: fileSize(chosen.file.size) })}</code>
                </Typography.Text>
              ) : null}
            </Flex>
            {fileProblem ? <Alert type="error" showIcon role="alert" title={fileProblem} style={{ marginBottom: 12 }} /> : null}
            {withChannel ? (
              <Field id="import-channel" label={t('deliveries.bulkImport.channel')} hint={t('deliveries.bulkImport.channelHint')}>
                <Select<string>
                  {...describedBy('import-channel', [], true)}
                  value={channelId ?? undefined}
                  allowClear
                  disabled={busy}
                  placeholder={t('deliveries.editor.channelDefault')}
                  loading={channelsQuery.loading}
                  style={{ maxWidth: 420 }}
                  options={channels
                    .filter((c) => c.isActive)
                    .map((c) => ({
                      value: c.id,
                      label: t('deliveries.editor.channelOption', { name: c.name, purpose: t(`deliveries.purposes.${c.purpose}`) }),
                    }))}
                  onChange={(value: string | undefined) => setChannelId(value ?? null)}
                />
              </Field>
            ) : null}
          </EditorSection>
          <EditorSection id="import-run-title" title={t('deliveries.bulkImport.run.title')}>
            <Typography.Paragraph>{t('deliveries.bulkImport.run.hint')}</Typography.Paragraph>
            <Button
              type="primary"
              icon={<UploadOutlined aria-hidden="true" />}
              disabled={!chosen || busy}
              loading={busy}
              onClick={() => void run()}
            >
              {t('deliveries.bulkImport.run.button')}
            </Button>
            <div role="status" style={{ marginTop: 12, maxWidth: 560 }}>
              {phase.kind === 'reading' ? (
                <>
                  <Typography.Text>{t('deliveries.bulkImport.run.reading', { percent: phase.percent })}</Typography.Text>
                  <Progress percent={Math.round(phase.percent / 2)} aria-label={t('deliveries.bulkImport.run.progressLabel')} />
                </>
              ) : null}
              {phase.kind === 'checking' ? (
                <>
                  <Typography.Text>{t('deliveries.bulkImport.run.checking')}</Typography.Text>
                  <Progress percent={75} status="active" showInfo={false} aria-label={t('deliveries.bulkImport.run.progressLabel')} />
                </>
              ) : null}
            </div>
            {outcome?.kind === 'error' ? (
              <ErrorAlert className="page-top-gap" error={outcome.error} onClose={() => setOutcome(null)} />
            ) : null}
            {outcome?.kind === 'problems' ? <ProblemsTable problems={outcome.problems} message={outcome.message} /> : null}
          </EditorSection>
        </div>
      )}
    </>
  );
}

/** The layout's columns: header, whether it is required, what goes in it. */
function ColumnsTable() {
  const { t } = useTranslation();
  return (
    <Table<(typeof IMPORT_COLUMNS)[number]>
      size="small"
      rowKey="key"
      pagination={false}
      caption={<span className="visually-hidden">{t('deliveries.bulkImport.template.columnsCaption')}</span>}
      dataSource={[...IMPORT_COLUMNS]}
      columns={[
        {
          title: t('deliveries.bulkImport.template.columns.header'),
          key: 'header',
          width: 150,
          render: (_: unknown, column) => <span className="nowrap">{column.header}</span>,
        },
        {
          title: t('deliveries.bulkImport.template.columns.required'),
          key: 'required',
          width: 120,
          render: (_: unknown, column) =>
            column.required === 'yes'
              ? t('deliveries.bulkImport.template.required')
              : column.required === 'either'
                ? t('deliveries.bulkImport.template.either')
                : t('deliveries.bulkImport.template.optional'),
        },
        {
          title: t('deliveries.bulkImport.template.columns.content'),
          key: 'content',
          render: (_: unknown, column) => t(`deliveries.bulkImport.template.help.${column.key}`),
        },
      ]}
    />
  );
}

/** Every problem of the file, by row and column, in the order of the spreadsheet. */
function ProblemsTable({ problems, message }: { problems: ImportProblem[]; message: string | null }) {
  const { t } = useTranslation();
  const rowText = (row: number | null) =>
    row === null
      ? t('deliveries.bulkImport.errors.whole')
      : row === 1
        ? t('deliveries.bulkImport.errors.headerRow')
        : t('deliveries.bulkImport.errors.rowValue', { n: row });
  const columnText = (column: ImportProblem['column']) =>
    column === null ? '—' : 'number' in column ? t('deliveries.bulkImport.errors.columnNumber', { n: column.number }) : column.header;
  return (
    <div style={{ marginTop: 16 }}>
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('deliveries.bulkImport.errors.title')}
        description={
          <>
            {/* The server's sentence counts them all and says when it lists only the first 500. */}
            <div>{message ?? t('deliveries.bulkImport.errors.count', { n: problems.length.toLocaleString('ja-JP') })}</div>
            <div>{t('deliveries.bulkImport.errors.fix')}</div>
          </>
        }
        style={{ marginBottom: 8 }}
      />
      <Table<ImportProblem>
        size="small"
        rowKey={(p) => `${p.row ?? 'file'}:${columnText(p.column)}:${p.message}`}
        pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        caption={<span className="visually-hidden">{t('deliveries.bulkImport.errors.caption')}</span>}
        dataSource={problems}
        columns={[
          {
            title: t('deliveries.bulkImport.errors.row'),
            key: 'row',
            width: 150,
            render: (_: unknown, p) => <span className="nowrap">{rowText(p.row)}</span>,
          },
          {
            title: t('deliveries.bulkImport.errors.column'),
            key: 'column',
            width: 150,
            render: (_: unknown, p) => <span className="nowrap">{columnText(p.column)}</span>,
          },
          { title: t('deliveries.bulkImport.errors.problem'), dataIndex: 'message', key: 'message' },
        ]}
      />
    </div>
  );
}
