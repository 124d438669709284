import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import {
  CreatePublicCommentGroupDocument,
  DeletePublicCommentGroupDocument,
  ReorderPublicCommentGroupsDocument,
  UpdatePublicCommentGroupDocument,
} from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { moved } from '../lib/period';
import type { PanelProps, ProcedureDetail } from './types';

type Group = ProcedureDetail['groups'][number];
interface GroupValues {
  title: string;
  summary?: string;
  response?: string;
}

/** 意見の区分: staff write each group's 意見の概要 and 市の考え方, and order them as they will be published. */
export function GroupsPanel({ procedure, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan()('public_comment.manage');
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [remove] = useMutation(DeletePublicCommentGroupDocument);
  const [reorder] = useMutation(ReorderPublicCommentGroupsDocument);
  const ids = procedure.groups.map((g) => g.id);

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
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('publicComment.groups.help')}</Typography.Paragraph>
      {actionError ? <ErrorAlert error={actionError} /> : null}
      {canManage ? (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setEditing('new');
          }}
        >
          {t('publicComment.groups.add')}
        </Button>
      ) : null}
      {procedure.groups.length === 0 ? <Typography.Paragraph>{t('publicComment.groups.empty')}</Typography.Paragraph> : null}
      {procedure.groups.map((group, index) => (
        <Card
          key={group.id}
          title={`${index + 1}. ${group.title}`}
          extra={
            <Space>
              <span>{t('publicComment.groups.opinions', { count: group.opinionCount })}</span>
              {canManage ? (
                <>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={index === 0}
                    aria-label={t('publicComment.groups.moveUp', { title: group.title })}
                    onClick={() => void act(() => reorder({ variables: { procedureId: procedure.id, ids: moved(ids, group.id, -1) } }))}
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={index === ids.length - 1}
                    aria-label={t('publicComment.groups.moveDown', { title: group.title })}
                    onClick={() => void act(() => reorder({ variables: { procedureId: procedure.id, ids: moved(ids, group.id, 1) } }))}
                  />
                  <Button
                    size="small"
                    onClick={() => {
                      setEditing(group);
                    }}
                  >
                    {t('publicComment.groups.edit')}
                  </Button>
                  <Popconfirm
                    title={t('publicComment.groups.deleteConfirm', { title: group.title })}
                    onConfirm={() => void act(() => remove({ variables: { id: group.id } }), t('publicComment.groups.deleted'))}
                  >
                    <Button size="small" danger>
                      {t('publicComment.groups.delete')}
                    </Button>
                  </Popconfirm>
                </>
              ) : null}
            </Space>
          }
        >
          <Typography.Title level={5}>{t('publicComment.groups.summary')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {group.summary || t('publicComment.groups.notWritten')}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('publicComment.groups.response')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
            {group.response || t('publicComment.groups.notWritten')}
          </Typography.Paragraph>
        </Card>
      ))}
      {editing ? (
        <GroupModal
          procedureId={procedure.id}
          group={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              void message.success(t('publicComment.groups.saved'));
              onChanged();
            }
          }}
        />
      ) : null}
    </Space>
  );
}

function GroupModal({ procedureId, group, onClose }: { procedureId: string; group: Group | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupValues>();
  const errors = useFormErrors(form, ['title', 'summary', 'response']);
  const [create, { loading: creating }] = useMutation(CreatePublicCommentGroupDocument);
  const [update, { loading: updating }] = useMutation(UpdatePublicCommentGroupDocument);

  const submit = async (values: GroupValues) => {
    errors.clear();
    const input = { title: values.title, summary: values.summary ?? '', response: values.response ?? '' };
    try {
      if (group) await update({ variables: { id: group.id, input } });
      else await create({ variables: { procedureId, input } });
      onClose(true);
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={group ? group.title : t('publicComment.groups.add')}
      formName="public-comment-group"
      submitText={t('publicComment.save')}
      submitting={creating || updating}
      onCancel={() => {
        onClose(false);
      }}
      width={720}
    >
      {errors.alert}
      <Form<GroupValues>
        form={form}
        name="public-comment-group"
        layout="vertical"
        initialValues={group ? { title: group.title, summary: group.summary, response: group.response } : {}}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="title"
          label={t('publicComment.groups.name')}
          rules={[{ required: true, whitespace: true, message: t('publicComment.required', { field: t('publicComment.groups.name') }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t('publicComment.groups.summary')}>
          <Input.TextArea maxLength={5000} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name="response" label={t('publicComment.groups.response')}>
          <Input.TextArea maxLength={10000} showCount autoSize={{ minRows: 4, maxRows: 14 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
