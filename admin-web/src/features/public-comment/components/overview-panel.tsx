import { useMutation } from '@apollo/client/react';
import { App, Button, Card, Descriptions, Form, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import {
  DeletePublicCommentProcedureDocument,
  PublishPublicCommentProcedureDocument,
  UpdatePublicCommentProcedureDocument,
} from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { fromJapanInput, toJapanInput } from '../lib/period';
import { PROCEDURE_FIELDS, ProcedureFormFields, type ProcedureFormValues } from './procedure-form';
import type { PanelProps } from './types';

/** The procedure's text and period (changeable at any time), its form, and announcing or deleting it. */
export function OverviewPanel({ procedure, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canManage = useCan()('public_comment.manage');
  const [form] = Form.useForm<ProcedureFormValues>();
  const errors = useFormErrors(form, PROCEDURE_FIELDS);
  const [actionError, setActionError] = useState<unknown>(null);
  const [update, { loading: saving }] = useMutation(UpdatePublicCommentProcedureDocument);
  const [publish, { loading: publishing }] = useMutation(PublishPublicCommentProcedureDocument);
  const [remove, { loading: removing }] = useMutation(DeletePublicCommentProcedureDocument, {
    refetchQueries: ['PublicCommentProcedures'],
  });

  const save = async (values: ProcedureFormValues) => {
    errors.clear();
    try {
      await update({
        variables: {
          id: procedure.id,
          input: {
            title: values.title,
            summary: values.summary ?? '',
            body: values.body,
            opensAt: fromJapanInput(values.opensAt),
            closesAt: fromJapanInput(values.closesAt),
          },
        },
      });
      void message.success(t('publicComment.saved'));
      onChanged();
    } catch (error) {
      errors.handle(error);
    }
  };

  const run = async (work: () => Promise<unknown>, done: string) => {
    setActionError(null);
    try {
      await work();
      void message.success(done);
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {actionError ? <ErrorAlert error={actionError} /> : null}
      <Card>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('publicComment.overview.form')}>
            <Link to={`/forms/${procedure.formId}`}>{t('publicComment.overview.formLink')}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('publicComment.overview.residentPage')}>
            <a href={`/liff/public-comments/${procedure.id}`} target="_blank" rel="noopener noreferrer">
              {`/liff/public-comments/${procedure.id}`}
            </a>
          </Descriptions.Item>
          {procedure.publishedAt ? (
            <Descriptions.Item label={t('publicComment.overview.publishedAt')}>{formatDateTime(procedure.publishedAt)}</Descriptions.Item>
          ) : null}
        </Descriptions>
        {canManage && procedure.status === 'DRAFT' ? (
          <Space style={{ marginTop: 16 }}>
            <Popconfirm
              title={t('publicComment.overview.publishConfirm')}
              onConfirm={() =>
                void run(async () => {
                  await publish({ variables: { id: procedure.id } });
                  onChanged();
                }, t('publicComment.overview.published'))
              }
            >
              <Button type="primary" loading={publishing}>
                {t('publicComment.overview.publish')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('publicComment.overview.deleteConfirm')}
              onConfirm={() =>
                void run(async () => {
                  await remove({ variables: { id: procedure.id } });
                  void navigate('/public-comments');
                }, t('publicComment.overview.deleted'))
              }
            >
              <Button danger loading={removing}>
                {t('publicComment.overview.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null}
      </Card>
      <Card>
        {errors.alert}
        <Form<ProcedureFormValues>
          form={form}
          name="public-comment-edit"
          layout="vertical"
          disabled={!canManage}
          initialValues={{
            title: procedure.title,
            summary: procedure.summary,
            body: procedure.body,
            opensAt: toJapanInput(procedure.opensAt),
            closesAt: toJapanInput(procedure.closesAt),
          }}
          onFinish={(v) => void save(v)}
        >
          <ProcedureFormFields form={form} />
          {canManage ? (
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('publicComment.save')}
            </Button>
          ) : null}
        </Form>
      </Card>
    </Space>
  );
}
