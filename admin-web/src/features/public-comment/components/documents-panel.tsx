import { ArrowDownOutlined, ArrowUpOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { App, Button, Card, Form, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import {
  AddPublicCommentDocumentDocument,
  RemovePublicCommentDocumentDocument,
  RenamePublicCommentDocumentDocument,
  ReorderPublicCommentDocumentsDocument,
} from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { fileLabel, moved } from '../lib/period';
import { uploadDocument } from '../lib/upload';
import type { PanelProps } from './types';

/** Documents residents read (PDF or images, public): upload, name, order, remove. */
export function DocumentsPanel({ procedure, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan()('public_comment.manage');
  const [form] = Form.useForm<{ title: string }>();
  const errors = useFormErrors(form, ['title', 'mediaId']);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [add] = useMutation(AddPublicCommentDocumentDocument);
  const [rename] = useMutation(RenamePublicCommentDocumentDocument);
  const [remove] = useMutation(RemovePublicCommentDocumentDocument);
  const [reorder] = useMutation(ReorderPublicCommentDocumentsDocument);
  const ids = procedure.documents.map((d) => d.id);

  const submit = async (values: { title: string }) => {
    if (!file) return;
    errors.clear();
    setBusy(true);
    try {
      const uploaded = await uploadDocument(file);
      await add({ variables: { input: { procedureId: procedure.id, mediaId: uploaded.id, title: values.title } } });
      void message.success(t('publicComment.documents.added'));
      form.resetFields();
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onChanged();
    } catch (error) {
      errors.handle(
        error instanceof Error && !('errors' in error) ? new Error(`${t('publicComment.documents.uploadFailed')} ${error.message}`) : error,
      );
    } finally {
      setBusy(false);
    }
  };

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setActionError(null);
    try {
      await work();
      if (done) void message.success(done);
      onChanged();
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('publicComment.documents.help')}</Typography.Paragraph>
      {actionError ? <ErrorAlert error={actionError} /> : null}
      <List
        bordered
        dataSource={procedure.documents}
        locale={{ emptyText: t('publicComment.documents.empty') }}
        renderItem={(doc, index) => (
          <List.Item
            actions={
              canManage
                ? [
                    <Button
                      key="up"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={index === 0}
                      aria-label={t('publicComment.documents.moveUp', { title: doc.title })}
                      onClick={() => void act(() => reorder({ variables: { procedureId: procedure.id, ids: moved(ids, doc.id, -1) } }))}
                    />,
                    <Button
                      key="down"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={index === ids.length - 1}
                      aria-label={t('publicComment.documents.moveDown', { title: doc.title })}
                      onClick={() => void act(() => reorder({ variables: { procedureId: procedure.id, ids: moved(ids, doc.id, 1) } }))}
                    />,
                    <Popconfirm
                      key="remove"
                      title={t('publicComment.documents.removeConfirm', { title: doc.title })}
                      onConfirm={() => void act(() => remove({ variables: { id: doc.id } }), t('publicComment.documents.removed'))}
                    >
                      <Button size="small" danger>
                        {t('publicComment.documents.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              {canManage ? (
                <Typography.Text
                  editable={{
                    triggerType: ['icon'],
                    tooltip: t('publicComment.documents.rename'),
                    onChange: (title) => {
                      if (title.trim() && title !== doc.title) void act(() => rename({ variables: { id: doc.id, title } }));
                    },
                  }}
                >
                  {doc.title}
                </Typography.Text>
              ) : (
                <Typography.Text>{doc.title}</Typography.Text>
              )}
              <Typography.Text type="secondary">
                {fileLabel(doc.contentType, doc.byteSize)}・
                <a href={doc.url} target="_blank" rel="noopener noreferrer">
                  {t('publicComment.documents.open')}
                </a>
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {canManage ? (
        <Card title={t('publicComment.documents.upload')}>
          {errors.alert}
          <Form form={form} name="public-comment-document" layout="vertical" onFinish={(v) => void submit(v)}>
            <Form.Item label={t('publicComment.documents.upload')} htmlFor="public-comment-document-file" required>
              <input
                id="public-comment-document-file"
                ref={fileInput}
                type="file"
                accept="application/pdf,image/jpeg,image/png,image/webp"
                onChange={(event) => {
                  const chosen = event.target.files?.[0] ?? null;
                  setFile(chosen);
                  if (chosen && !form.getFieldValue('title')) form.setFieldValue('title', chosen.name.replace(/\.[^.]+$/, ''));
                }}
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('publicComment.documents.name')}
              extra={t('publicComment.documents.nameHelp')}
              rules={[
                { required: true, whitespace: true, message: t('publicComment.required', { field: t('publicComment.documents.name') }) },
              ]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={busy} disabled={!file}>
              {busy ? t('publicComment.documents.uploading') : t('publicComment.documents.upload')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
