import { ArrowLeftOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Row, Space, Tag, Timeline, Typography } from 'antd';
import { computeVisibility } from '@machi/form-engine';
import type { AnswerValue, Answers, FormField } from '@machi/form-engine';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import {
  ChangeSubmissionStatusDocument,
  FormSubmissionDocument,
  NotifySubmitterDocument,
  UpdateSubmissionAdminAnswersDocument,
} from '../../../gql/graphql';
import type { FormSubmissionDetailFragment, SubmissionAnswerFieldsFragment, SubmissionStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { ForbiddenResult } from '../../../shared/ui/forbidden-result';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { AnswerInput } from '../components/answer-input';
import { SubmissionStatusTag } from '../components/status-tags';
import { definitionOf } from '../lib/definition-edit';
import { isReopen, nextStatuses } from '../lib/form-display';
import { SubmitterCell } from './form-submissions-page';

export function FormSubmissionPage() {
  const can = useCan();
  if (!can('forms.submissions.read')) return <ForbiddenResult />;
  return <SubmissionDetail />;
}

function SubmissionDetail() {
  const { t } = useTranslation();
  const { id: formId = '', submissionId = '' } = useParams();
  const can = useCan();
  const withResident = can('residents.read');
  const { data, loading, error, refetch } = useQuery(FormSubmissionDocument, {
    variables: { id: submissionId, withResident },
    fetchPolicy: 'cache-and-network',
  });
  const back = (
    <Link to={`/forms/${formId}/submissions`}>
      <ArrowLeftOutlined aria-hidden="true" /> {t('forms.submission.back')}
    </Link>
  );
  if (error && !data) {
    return (
      <>
        {back}
        <PageHeader title={t('forms.submissions.titleShort')} />
        <ErrorAlert className="page-top-gap" error={error} onRetry={() => void refetch()} />
      </>
    );
  }
  if (loading && !data) return <LoadingState rows={10} />;
  const submission = data?.formSubmission;
  if (!submission) return null;
  const canWrite = can('forms.submissions.write');
  return (
    <>
      {back}
      <PageHeader title={t('forms.submission.title', { receipt: submission.receiptNumber })} description={submission.form.title} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Overview submission={submission} />
            <AnswersCard answers={submission.answers} />
            <AdminAnswersCard key={submission.updatedAt} submission={submission} canWrite={canWrite} withResident={withResident} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {canWrite ? <WorkflowCard submission={submission} withResident={withResident} onStale={() => void refetch()} /> : null}
            <HistoryCard submission={submission} />
            <MessagesCard submission={submission} canWrite={canWrite} withResident={withResident} />
          </Space>
        </Col>
      </Row>
    </>
  );
}

function Overview({ submission }: { submission: FormSubmissionDetailFragment }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<h2 className="section-title">{t('forms.submission.overview')}</h2>}>
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'form',
            label: t('forms.submission.form'),
            children: <Link to={`/forms/${submission.form.id}`}>{submission.form.title}</Link>,
          },
          { key: 'receipt', label: t('forms.submission.receiptNumber'), children: <code>{submission.receiptNumber}</code> },
          { key: 'status', label: t('forms.submission.status'), children: <SubmissionStatusTag status={submission.status} /> },
          { key: 'submittedAt', label: t('forms.submission.submittedAt'), children: formatDateTime(submission.submittedAt) },
          { key: 'updatedAt', label: t('forms.submission.updatedAt'), children: formatDateTime(submission.updatedAt) },
          { key: 'submitter', label: t('forms.submission.submitter'), children: <SubmitterCell submission={submission} /> },
          {
            key: 'version',
            label: t('forms.submission.version'),
            children: t('forms.submissions.versionNumber', { number: submission.version.number }),
          },
        ]}
      />
    </Card>
  );
}

export function AnswerText({ answer }: { answer: SubmissionAnswerFieldsFragment }) {
  const { t } = useTranslation();
  if (answer.masked) return <Typography.Text type="secondary">{t('forms.submission.masked')}</Typography.Text>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{answer.text}</span>;
}

function AnswersCard({ answers }: { answers: readonly SubmissionAnswerFieldsFragment[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<h2 className="section-title">{t('forms.submission.answers')}</h2>}>
      {answers.length === 0 ? (
        <EmptyState description={t('forms.submission.noAnswers')} />
      ) : (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={answers.map((answer) => ({
            key: answer.fieldId,
            label: (
              <Space size={4} wrap>
                <span>{answer.label}</span>
                {answer.personal ? <Tag color="orange">{t('forms.submission.personal')}</Tag> : null}
              </Space>
            ),
            children: <AnswerText answer={answer} />,
          }))}
        />
      )}
    </Card>
  );
}

/** The stored `{ value }` of an admin answer, as the answer input edits it. */
function storedValue(answer: SubmissionAnswerFieldsFragment | undefined): AnswerValue | undefined {
  const json = answer?.value as { value?: AnswerValue } | null | undefined;
  return json?.value;
}

function AdminAnswersCard({
  submission,
  canWrite,
  withResident,
}: {
  submission: FormSubmissionDetailFragment;
  canWrite: boolean;
  withResident: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const definition = definitionOf(submission.version.definition);
  const fields: FormField[] = definition.pages
    .flatMap((p) => p.fields)
    .filter((f) => f.adminOnly && f.type !== 'heading' && f.type !== 'paragraph');
  const [answers, setAnswers] = useState<Answers>(() =>
    Object.fromEntries(fields.map((f) => [f.id, storedValue(submission.adminAnswers.find((a) => a.fieldId === f.id))])),
  );
  const [error, setError] = useState<unknown>(null);
  const [save, { loading }] = useMutation(UpdateSubmissionAdminAnswersDocument);
  const fieldErrors = error ? describeApiError(error).fields : {};
  if (fields.length === 0) {
    return (
      <Card size="small" title={<h2 className="section-title">{t('forms.submission.adminAnswers')}</h2>}>
        <Typography.Text type="secondary">{t('forms.submission.adminAnswersNone')}</Typography.Text>
      </Card>
    );
  }
  const visibility = computeVisibility(definition, answers);
  const onSave = async () => {
    setError(null);
    try {
      await save({ variables: { id: submission.id, answers: answers, withResident } });
      void message.success(t('forms.submission.adminAnswersSaved'));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card size="small" title={<h2 className="section-title">{t('forms.submission.adminAnswers')}</h2>}>
      <Typography.Paragraph type="secondary">{t('forms.submission.adminAnswersHint')}</Typography.Paragraph>
      {error ? <ErrorAlert className="form-alert" error={error} onClose={() => setError(null)} /> : null}
      {canWrite ? (
        <>
          <Form layout="vertical" component="div" colon={false}>
            {fields.map((field) => (
              <AnswerInput
                key={field.id}
                idPrefix="admin"
                field={field}
                answers={answers}
                effective={visibility.answers}
                error={fieldErrors[field.id]}
                onChange={(fieldId, value) => {
                  setAnswers((current) => ({ ...current, [fieldId]: value }));
                }}
              />
            ))}
          </Form>
          <Button type="primary" loading={loading} onClick={() => void onSave()}>
            {t('forms.submission.adminAnswersSave')}
          </Button>
        </>
      ) : (
        <Descriptions
          column={1}
          size="small"
          bordered
          items={submission.adminAnswers.map((answer) => ({
            key: answer.fieldId,
            label: answer.label,
            children: <AnswerText answer={answer} />,
          }))}
        />
      )}
    </Card>
  );
}

/** How a message reaches this submitter: LINE, mail (browser with an address), or only their page. */
function reachHint(
  submission: FormSubmissionDetailFragment,
): 'forms.submission.messageNote' | 'forms.submission.messageMailNote' | 'forms.submission.messageBrowserNote' {
  if (!submission.viaBrowser) return 'forms.submission.messageNote';
  return submission.hasContactEmail ? 'forms.submission.messageMailNote' : 'forms.submission.messageBrowserNote';
}

function WorkflowCard({
  submission,
  withResident,
  onStale,
}: {
  submission: FormSubmissionDetailFragment;
  withResident: boolean;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [notifySubmitter, setNotifySubmitter] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<SubmissionStatus | null>(null);
  const [change] = useMutation(ChangeSubmissionStatusDocument);
  const move = async (status: SubmissionStatus) => {
    setError(null);
    setPending(status);
    try {
      await change({
        variables: { id: submission.id, status, comment: comment.trim() === '' ? null : comment.trim(), notifySubmitter, withResident },
      });
      setComment('');
      void message.success(
        t(notifySubmitter ? 'forms.submission.movedAndNotified' : 'forms.submission.moved', {
          status: t(`forms.submissionStatuses.${status}`),
        }),
      );
    } catch (e) {
      if (describeApiError(e).code === 'CONFLICT') {
        void message.warning(t('forms.submission.conflict'));
        onStale();
      } else setError(e);
    }
    setPending(null);
  };
  return (
    <Card size="small" title={<h2 className="section-title">{t('forms.submission.workflow')}</h2>}>
      <Typography.Paragraph type="secondary">{t('forms.submission.workflowHint')}</Typography.Paragraph>
      {error ? <ErrorAlert className="form-alert" error={error} onClose={() => setError(null)} /> : null}
      <Form layout="vertical" component="div">
        <Form.Item label={t('forms.submission.comment')} htmlFor="submission-status-comment">
          <Input.TextArea
            id="submission-status-comment"
            value={comment}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t('forms.submission.commentPlaceholder')}
            onChange={(event) => setComment(event.target.value)}
          />
        </Form.Item>
        <Form.Item extra={t(reachHint(submission))}>
          <Checkbox checked={notifySubmitter} onChange={(event) => setNotifySubmitter(event.target.checked)}>
            {t('forms.submission.notifyOnChange')}
          </Checkbox>
        </Form.Item>
      </Form>
      <Space wrap>
        {nextStatuses(submission.status).map((status) => (
          <Button
            key={status}
            type={status === 'COMPLETED' ? 'primary' : 'default'}
            danger={status === 'REJECTED'}
            loading={pending === status}
            disabled={pending !== null && pending !== status}
            onClick={() => void move(status)}
          >
            {isReopen(submission.status, status)
              ? t('forms.submission.reopen')
              : t('forms.submission.moveTo', { status: t(`forms.submissionStatuses.${status}`) })}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

function HistoryCard({ submission }: { submission: FormSubmissionDetailFragment }) {
  const { t } = useTranslation();
  const status = (s: SubmissionStatus) => t(`forms.submissionStatuses.${s}`);
  const changes = submission.statusHistory;
  const items = [
    // The first entry is the submission itself when the server does not list it as a change.
    ...(changes[0]?.from === null
      ? []
      : [{ key: 'submitted', title: t('forms.submission.historySubmitted'), at: submission.submittedAt, by: null, comment: null }]),
    ...changes.map((c, i) => ({
      key: `${c.at}-${i}`,
      title: c.from ? t('forms.submission.historyChange', { from: status(c.from), to: status(c.to) }) : status(c.to),
      at: c.at,
      by: c.byName ?? null,
      comment: c.comment ?? null,
    })),
  ];
  return (
    <Card size="small" title={<h2 className="section-title">{t('forms.submission.history')}</h2>}>
      <Timeline
        items={items.map((item) => ({
          key: item.key,
          content: (
            <div>
              <strong>{item.title}</strong>
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(item.at)}
                  {item.by ? `\u3000${t('forms.submission.historyBy', { name: item.by })}` : ''}
                </Typography.Text>
              </div>
              {item.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{item.comment}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function MessagesCard({
  submission,
  canWrite,
  withResident,
}: {
  submission: FormSubmissionDetailFragment;
  canWrite: boolean;
  withResident: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notify, { loading }] = useMutation(NotifySubmitterDocument);
  const send = async () => {
    setError(null);
    try {
      await notify({ variables: { id: submission.id, message: body.trim(), withResident } });
      setBody('');
      void message.success(t('forms.submission.messageSent'));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card size="small" title={<h2 className="section-title">{t('forms.submission.message')}</h2>}>
      <Alert
        className="form-alert"
        type={submission.viaBrowser && !submission.hasContactEmail ? 'warning' : 'info'}
        showIcon
        title={t(reachHint(submission))}
      />
      {error ? <ErrorAlert className="form-alert" error={error} onClose={() => setError(null)} /> : null}
      {canWrite ? (
        <Form layout="vertical" component="div">
          <Form.Item label={t('forms.submission.messageBody')} htmlFor="submission-message-body">
            <Input.TextArea
              id="submission-message-body"
              value={body}
              maxLength={2000}
              showCount
              autoSize={{ minRows: 3, maxRows: 8 }}
              placeholder={t('forms.submission.messagePlaceholder')}
              onChange={(event) => setBody(event.target.value)}
            />
          </Form.Item>
          <Button type="primary" icon={<SendOutlined />} loading={loading} disabled={body.trim() === ''} onClick={() => void send()}>
            {t('forms.submission.messageSend')}
          </Button>
        </Form>
      ) : null}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('forms.submission.messagesSent')}
      </Typography.Title>
      {submission.messages.length === 0 ? (
        <Typography.Text type="secondary">{t('forms.submission.messagesEmpty')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {submission.messages.map((m) => (
            <li key={m.id} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
              <Typography.Text type="secondary">
                {formatDateTime(m.sentAt)}
                {m.byName ? `\u3000${m.byName}` : ''}
                {'\u3000'}
                {m.readAt ? t('forms.submission.messageRead', { at: formatDateTime(m.readAt) }) : t('forms.submission.messageUnread')}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
