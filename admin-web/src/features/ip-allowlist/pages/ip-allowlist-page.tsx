import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan, useViewer } from '../../../app/auth/viewer-context';
import { AddIpAllowlistEntryDocument, IpAllowlistDocument, RemoveIpAllowlistEntryDocument } from '../../../gql/graphql';
import type { IpAllowlistQuery } from '../../../gql/graphql';
import { hostRange, ipInAnyCidr, ipInCidr, isValidCidr } from '../../../shared/lib/cidr';
import { formatDateTime } from '../../../shared/lib/format';
import { ListPage, plainList, useRowActions } from '../../../shared/ui/list-page';
import { useFormErrors } from '../../../shared/ui/use-form-errors';

type Entry = IpAllowlistQuery['ipAllowlist'][number];

interface Values {
  cidr: string;
  description?: string;
}

const FIELDS = ['cidr', 'description'] as const;

export function IpAllowlistPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const viewer = useViewer();
  const can = useCan();
  const canWrite = can('ipallowlist.write');
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, FIELDS);
  const rowActions = useRowActions();
  const query = useQuery(IpAllowlistDocument);
  const { data } = query;
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
            void rowActions.run(() => remove({ variables: { id: entry.id } }), t('common.deleted'));
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
    <ListPage<Entry>
      title={t('ipAllowlist.title')}
      description={t('ipAllowlist.description')}
      stacked
      before={
        <>
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
                      form.setFieldValue('cidr', hostRange(viewer.ip) ?? viewer.ip);
                    }}
                  >
                    {t('ipAllowlist.useCurrentIp')}
                  </Button>
                </Form.Item>
              </Form>
            </Card>
          ) : null}
        </>
      }
      rowActions={rowActions}
      list={plainList(query, data?.ipAllowlist)}
      columns={columns}
      emptyText={t('ipAllowlist.empty')}
    />
  );
}
