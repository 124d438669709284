import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { AddIpAllowlistEntryDocument, IpAllowlistDocument, RemoveIpAllowlistEntryDocument } from '../../../gql/graphql';
import type { IpAllowlistQuery } from '../../../gql/graphql';
import { ipInAnyCidr, ipInCidr, isValidCidr } from '../../../shared/lib/cidr';
import { formatDateTime } from '../../../shared/lib/format';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

type Entry = IpAllowlistQuery['ipAllowlist'][number];

interface Values {
  cidr: string;
  description?: string;
}

const FIELDS = ['cidr', 'description'] as const;

/** A single address of the viewer as a one-host range, for the "use my address" button. */
function hostRange(ip: string): string {
  return ip.includes(':') ? `${ip}/128` : `${ip}/32`;
}

export function IpAllowlistPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const viewer = useViewer();
  const can = useCan();
  const canWrite = can('ipallowlist.write');
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const [actionError, setActionError] = useState<unknown>(null);
  const { data, loading, error, refetch } = useQuery(IpAllowlistDocument);
  const [add, { loading: adding }] = useMutation(AddIpAllowlistEntryDocument, {
    refetchQueries: ['IpAllowlist'],
    awaitRefetchQueries: true,
  });
  const [remove] = useMutation(RemoveIpAllowlistEntryDocument, {
    refetchQueries: ['IpAllowlist'],
    awaitRefetchQueries: true,
  });

  const entries = data?.ipAllowlist ?? [];
  const cidrs = entries.map((e) => e.cidr);
  const covered = ipInAnyCidr(viewer.ip, cidrs);

  const submit = async (values: Values) => {
    errors.clear();
    try {
      const description = values.description?.trim() ?? '';
      await add({
        variables: { input: { cidr: values.cidr.trim(), description: description === '' ? undefined : description } },
      });
      form.resetFields();
      void message.success(t('common.created'));
    } catch (e) {
      errors.handle(e);
    }
  };

  const onFinish = (values: Values) => {
    // Adding the first range that leaves out one's own address locks oneself out: ask first.
    const wouldExclude = !covered && !ipInCidr(viewer.ip, values.cidr.trim());
    if (wouldExclude) {
      modal.confirm({
        title: t('ipAllowlist.lockoutConfirmTitle'),
        content: t('ipAllowlist.lockoutConfirm', { ip: viewer.ip }),
        okText: t('ipAllowlist.lockoutConfirmOk'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => submit(values),
      });
      return;
    }
    void submit(values);
  };

  const onRemove = async (entry: Entry) => {
    setActionError(null);
    try {
      await remove({ variables: { id: entry.id } });
      void message.success(t('common.deleted'));
    } catch (e) {
      setActionError(e);
    }
  };

  const columns: TableColumnsType<Entry> = [
    {
      title: t('ipAllowlist.columns.cidr'),
      dataIndex: 'cidr',
      key: 'cidr',
      width: 260,
      render: (value: string) => <code>{value}</code>,
    },
    {
      title: t('ipAllowlist.columns.description'),
      dataIndex: 'description',
      key: 'description',
      render: (value: string | null) => value ?? '',
    },
    {
      title: t('ipAllowlist.columns.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 120,
      render: (_: unknown, entry) => (
        <Popconfirm
          title={t('ipAllowlist.removeConfirm', { cidr: entry.cidr })}
          description={entries.length === 1 ? t('ipAllowlist.removeLastWarning') : undefined}
          okText={t('common.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            void onRemove(entry);
          }}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('ipAllowlist.removeOf', { cidr: entry.cidr })}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      <PageHeader title={t('ipAllowlist.title')} description={t('ipAllowlist.description')} />
      <div className="stack">
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('ipAllowlist.currentIp')}>
            <code data-testid="viewer-ip">{viewer.ip}</code>
          </Descriptions.Item>
        </Descriptions>
        {data && entries.length === 0 ? <Alert type="warning" showIcon title={t('ipAllowlist.emptyWarning')} /> : null}
        {data && entries.length > 0 && !covered ? (
          <Alert type="warning" showIcon title={t('ipAllowlist.notCoveredWarning', { ip: viewer.ip })} />
        ) : null}
        {canWrite ? (
          <Card title={<h2 className="section-title">{t('ipAllowlist.addTitle')}</h2>} size="small">
            {errors.alert}
            <Form<Values> form={form} name="ip-allowlist-form" layout="inline" colon={false} onFinish={onFinish} className="filter-bar">
              <Form.Item
                name="cidr"
                label={t('ipAllowlist.fields.cidr')}
                extra={t('ipAllowlist.fields.cidrHint')}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('ipAllowlist.fields.cidr') }) },
                  {
                    validator: (_rule, value: unknown) =>
                      typeof value === 'string' && value.trim() !== '' && !isValidCidr(value)
                        ? Promise.reject(new Error(t('ipAllowlist.validation.cidr')))
                        : Promise.resolve(),
                  },
                ]}
              >
                <Input placeholder="203.0.113.0/24" autoComplete="off" spellCheck={false} style={{ width: 260 }} />
              </Form.Item>
              <Form.Item name="description" label={t('ipAllowlist.fields.description')}>
                <Input placeholder={t('ipAllowlist.fields.descriptionPlaceholder')} autoComplete="off" style={{ width: 260 }} />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={adding}>
                  {t('ipAllowlist.add')}
                </Button>
              </Form.Item>
              <Form.Item>
                <Button
                  onClick={() => {
                    form.setFieldValue('cidr', hostRange(viewer.ip));
                  }}
                >
                  {t('ipAllowlist.useCurrentIp')}
                </Button>
              </Form.Item>
            </Form>
          </Card>
        ) : null}
        {actionError ? (
          <ErrorAlert
            error={actionError}
            onClose={() => {
              setActionError(null);
            }}
          />
        ) : null}
        {error && !data ? (
          <ErrorAlert
            error={error}
            onRetry={() => {
              void refetch();
            }}
          />
        ) : loading && !data ? (
          <LoadingState />
        ) : (
          <Table<Entry>
            rowKey="id"
            columns={columns}
            dataSource={entries}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('ipAllowlist.empty')} /> }}
            caption={<span className="visually-hidden">{t('ipAllowlist.title')}</span>}
          />
        )}
      </div>
    </>
  );
}
