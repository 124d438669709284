import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import {
  PublicCommentResultPreviewDocument,
  PublishPublicCommentResultDocument,
  WithdrawPublicCommentResultDocument,
} from '../../../gql/graphql';
import type { PublicCommentResultPreviewQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import type { PanelProps } from './types';

type Preview = PublicCommentResultPreviewQuery['publicCommentResultPreview'];

/** 「意見の概要と市の考え方」: a preview as residents will read it, what still stops it, and publishing. */
export function ResultPanel({ procedure, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan()('public_comment.manage');
  const [introduction, setIntroduction] = useState(procedure.resultIntroduction ?? '');
  const [actionError, setActionError] = useState<unknown>(null);
  const { data, error, refetch } = useQuery(PublicCommentResultPreviewDocument, {
    variables: { procedureId: procedure.id, introduction },
    fetchPolicy: 'cache-and-network',
  });
  const [publish, { loading: publishing }] = useMutation(PublishPublicCommentResultDocument);
  const [withdraw, { loading: withdrawing }] = useMutation(WithdrawPublicCommentResultDocument);
  const preview = data?.publicCommentResultPreview;

  const act = async (work: () => Promise<unknown>, done: string) => {
    setActionError(null);
    try {
      await work();
      void message.success(done);
      void refetch();
      onChanged();
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('publicComment.result.help')}</Typography.Paragraph>
      {error ? <ErrorAlert error={error} /> : null}
      {actionError ? <ErrorAlert error={actionError} /> : null}
      {procedure.resultPublishedAt ? (
        <Alert
          type="success"
          showIcon
          message={t('publicComment.result.publishedAt', { at: formatDateTime(procedure.resultPublishedAt) })}
          action={
            <a href={`/liff/public-comments/${procedure.id}/result`} target="_blank" rel="noopener noreferrer">
              {t('publicComment.result.residentPage')}
            </a>
          }
        />
      ) : null}
      {preview?.blockers.length ? (
        <Alert
          type="warning"
          showIcon
          message={t('publicComment.result.blockers')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {preview.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Form layout="vertical" disabled={!canManage}>
        <Form.Item label={t('publicComment.result.introduction')} htmlFor="public-comment-introduction">
          <Input.TextArea
            id="public-comment-introduction"
            value={introduction}
            maxLength={5000}
            autoSize={{ minRows: 2, maxRows: 8 }}
            onChange={(event) => {
              setIntroduction(event.target.value);
            }}
          />
        </Form.Item>
      </Form>
      {preview ? <ResultPreview preview={preview} /> : null}
      {canManage ? (
        <Space wrap>
          <Popconfirm
            title={t('publicComment.result.publishConfirm')}
            disabled={Boolean(preview?.blockers.length)}
            onConfirm={() =>
              void act(
                () => publish({ variables: { procedureId: procedure.id, introduction: introduction.trim() || null } }),
                t('publicComment.result.published'),
              )
            }
          >
            <Button type="primary" disabled={!preview || preview.blockers.length > 0} loading={publishing}>
              {procedure.resultPublishedAt ? t('publicComment.result.republish') : t('publicComment.result.publish')}
            </Button>
          </Popconfirm>
          {procedure.resultPublishedAt ? (
            <Popconfirm
              title={t('publicComment.result.withdrawConfirm')}
              onConfirm={() => void act(() => withdraw({ variables: { procedureId: procedure.id } }), t('publicComment.result.withdrawn'))}
            >
              <Button danger loading={withdrawing}>
                {t('publicComment.result.withdraw')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ) : null}
    </Space>
  );
}

export function ResultPreview({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const { result } = preview;
  return (
    <Card title={t('publicComment.result.preview')}>
      <Typography.Title level={4}>{result.title}</Typography.Title>
      <Typography.Paragraph>{t('publicComment.result.total', { count: result.totalOpinions })}</Typography.Paragraph>
      {result.introduction ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{result.introduction}</Typography.Paragraph> : null}
      {result.groups.length === 0 ? <Typography.Paragraph>{t('publicComment.result.noGroups')}</Typography.Paragraph> : null}
      {result.groups.map((g) => (
        <section key={g.number} aria-labelledby={`result-group-${g.number}`} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} id={`result-group-${g.number}`}>
            {g.number}. {g.title}（{t('publicComment.result.groupCount', { count: g.count })}）
          </Typography.Title>
          <Typography.Text strong>{t('publicComment.groups.summary')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{g.summary}</Typography.Paragraph>
          <Typography.Text strong>{t('publicComment.groups.response')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{g.response}</Typography.Paragraph>
        </section>
      ))}
    </Card>
  );
}
