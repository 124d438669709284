import { ArrowLeftOutlined, BarChartOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Form, Input, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { FormHeaderDocument, FormSubmissionsDocument } from '../../../gql/graphql';
import type { FormSubmissionFilter, FormSubmissionRowFragment, SubmissionStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ForbiddenResult } from '../../../shared/ui/forbidden-result';
import { FilterBar, ListPage, SearchFilter, SelectFilter, useConnectionList, useListFilter } from '../../../shared/ui/list-page';
import { SubmissionStatusTag } from '../components/status-tags';
import { definitionOf } from '../lib/definition-edit';
import { SUBMISSION_STATUSES, submissionsExportHref } from '../lib/form-display';

/** How many answers the table shows beside the receipt data; the rest are in the submission. */
const ANSWER_COLUMNS = 3;

/** `YYYY-MM-DD` of a date input as the start (or end) of that day in the browser's zone. */
export function dayBound(day: string, end: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return null;
  if (end) d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

function DayFilter({ id, label, onChange }: { id: string; label: string; onChange: (iso: string | null) => void }) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Input
        id={id}
        type="date"
        style={{ width: 170 }}
        onChange={(event) => {
          onChange(event.target.value === '' ? null : dayBound(event.target.value, id.endsWith('to')));
        }}
      />
    </Form.Item>
  );
}

export function SubmitterCell({ submission }: { submission: Pick<FormSubmissionRowFragment, 'viaBrowser' | 'resident'> }) {
  const { t } = useTranslation();
  if (submission.viaBrowser) return <Typography.Text type="secondary">{t('forms.submissions.browser')}</Typography.Text>;
  if (!submission.resident) return <>{t('forms.submissions.residentHidden')}</>;
  return (
    <Link to={`/residents/${submission.resident.id}`}>{submission.resident.displayName ?? t('forms.submissions.residentUnknown')}</Link>
  );
}

export function FormSubmissionsPage() {
  const can = useCan();
  if (!can('forms.submissions.read')) return <ForbiddenResult />;
  return <SubmissionsList />;
}

function SubmissionsList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const can = useCan();
  const withResident = can('residents.read');
  const header = useQuery(FormHeaderDocument, { variables: { id } });
  const [filter, setFilter] = useListFilter<FormSubmissionFilter>({});
  const list = useConnectionList(FormSubmissionsDocument, {
    variables: { formId: id, filter, withResident },
    connection: (data) => data.formSubmissions,
    fetchPolicy: 'cache-and-network',
  });
  const form = header.data?.form;
  const title = form?.title ?? '';
  const definition = definitionOf(form?.publishedVersion?.definition ?? form?.draftDefinition);
  const answerFields = definition.pages
    .flatMap((p) => p.fields)
    .filter((f) => f.type !== 'heading' && f.type !== 'paragraph' && !f.adminOnly)
    .slice(0, ANSWER_COLUMNS);

  const columns: TableColumnsType<FormSubmissionRowFragment> = [
    {
      title: t('forms.submissions.columns.receiptNumber'),
      key: 'receipt',
      render: (_: unknown, s) => (
        <Link to={`/forms/${id}/submissions/${s.id}`} aria-label={t('forms.submissions.openOf', { receipt: s.receiptNumber })}>
          <code>{s.receiptNumber}</code>
        </Link>
      ),
    },
    {
      title: t('forms.submissions.columns.submittedAt'),
      key: 'submittedAt',
      render: (_: unknown, s) => <span className="nowrap">{formatDateTime(s.submittedAt)}</span>,
    },
    { title: t('forms.submissions.columns.status'), key: 'status', render: (_: unknown, s) => <SubmissionStatusTag status={s.status} /> },
    { title: t('forms.submissions.columns.submitter'), key: 'submitter', render: (_: unknown, s) => <SubmitterCell submission={s} /> },
    ...answerFields.map((field) => ({
      title: field.label,
      key: `answer-${field.id}`,
      render: (_: unknown, s: FormSubmissionRowFragment) => {
        const answer = s.answers.find((a) => a.fieldId === field.id);
        if (!answer) return '—';
        if (answer.masked) return <Typography.Text type="secondary">{t('forms.submission.masked')}</Typography.Text>;
        return (
          <Typography.Text ellipsis={{ tooltip: answer.text }} style={{ maxWidth: 220 }}>
            {answer.text}
          </Typography.Text>
        );
      },
    })),
    {
      title: t('forms.submissions.columns.version'),
      key: 'version',
      render: (_: unknown, s) => <span className="nowrap">{t('forms.submissions.versionNumber', { number: s.version.number })}</span>,
    },
  ];

  const filtered = Boolean(filter.status || filter.search || filter.from || filter.to);
  return (
    <>
      <Link to={`/forms/${id}`}>
        <ArrowLeftOutlined aria-hidden="true" /> {title ? t('forms.submissions.back', { title }) : t('forms.submissions.backToForms')}
      </Link>
      <ListPage<FormSubmissionRowFragment>
        title={title ? t('forms.submissions.title', { title }) : t('forms.submissions.titleShort')}
        description={t('forms.submissions.description')}
        downloads={[
          { key: 'csv', label: t('forms.submissions.csv'), format: 'csv', href: submissionsExportHref(id, 'csv') },
          { key: 'xlsx', label: t('forms.submissions.xlsx'), format: 'xlsx', href: submissionsExportHref(id, 'xlsx') },
        ]}
        actions={
          <Button icon={<BarChartOutlined />} onClick={() => void navigate(`/forms/${id}/summary`)}>
            {t('forms.submissions.summary')}
          </Button>
        }
        before={
          <FilterBar name="form-submissions-filter">
            <SelectFilter<SubmissionStatus>
              id="form-submissions-filter-status"
              label={t('forms.submissions.filters.status')}
              placeholder={t('forms.submissions.filters.allStatuses')}
              options={SUBMISSION_STATUSES.map((status) => ({ value: status, label: t(`forms.submissionStatuses.${status}`) }))}
              value={filter.status}
              onChange={(status) => {
                setFilter('status', status);
              }}
              minWidth={160}
            />
            <DayFilter
              id="form-submissions-filter-from"
              label={t('forms.submissions.filters.from')}
              onChange={(from) => setFilter('from', from)}
            />
            <DayFilter id="form-submissions-filter-to" label={t('forms.submissions.filters.to')} onChange={(to) => setFilter('to', to)} />
            <SearchFilter
              id="form-submissions-filter-search"
              label={t('forms.submissions.filters.search')}
              placeholder={t('forms.submissions.filters.searchPlaceholder')}
              value={filter.search ?? undefined}
              onChange={(search) => {
                setFilter('search', search);
              }}
              maxLength={100}
              width={260}
            />
          </FilterBar>
        }
        list={list}
        columns={columns}
        emptyText={filtered ? t('forms.submissions.empty') : t('forms.submissions.emptyAll')}
        size="middle"
      />
    </>
  );
}
