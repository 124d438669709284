import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/auth/viewer-context';
import { ApiKeysDocument, PermissionCatalogueDocument, RevokeApiKeyDocument } from '../../../gql/graphql';
import type { ApiKeyFieldsFragment } from '../../../gql/graphql';
import { formatDate, formatDateTime } from '../../../shared/lib/format';
import { ListPage, useConnectionList, useRowActions } from '../../../shared/ui/list-page';
import { ApiKeySecretModal } from '../components/api-key-secret-modal';
import { apiKeyStatus } from '../components/api-key-status';
import type { ApiKeyStatus } from '../components/api-key-status';
import { CreateApiKeyModal } from '../components/create-api-key-modal';
import type { CreatedApiKey } from '../components/create-api-key-modal';
import { activeKeysIssuedUnder, apiKeyFieldsVariables, apiKeyIssuer } from '../lib/api-key-issuer';

const STATUS_COLOURS: Record<ApiKeyStatus, string> = { active: 'green', revoked: 'default', expired: 'orange' };
const MAX_PERMISSION_TAGS = 4;

export function ApiKeysPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('apikeys.write');
  const fieldVariables = apiKeyFieldsVariables(can);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const list = useConnectionList(ApiKeysDocument, { variables: fieldVariables, connection: (data) => data.apiKeys });
  const rowActions = useRowActions();
  const catalogueQuery = useQuery(PermissionCatalogueDocument);
  // Revoking a key revokes the keys issued under it too: reload the list to show them revoked.
  const [revoke] = useMutation(RevokeApiKeyDocument, { refetchQueries: ['ApiKeys'], awaitRefetchQueries: true });

  const catalogue = catalogueQuery.data?.permissionCatalogue ?? [];
  const labelOf = (key: string) => catalogue.find((p) => p.key === key)?.label ?? key;
  const revokeCascadeText = (apiKey: ApiKeyFieldsFragment) => {
    const count = activeKeysIssuedUnder(list.rows, apiKey.id).length;
    return count > 0 ? t('apiKeys.revokeCascadeCount', { count }) : t('apiKeys.revokeCascade');
  };

  const columns: TableColumnsType<ApiKeyFieldsFragment> = [
    {
      title: t('apiKeys.columns.name'),
      key: 'name',
      width: 260,
      render: (_: unknown, apiKey) => {
        const issuer = apiKeyIssuer(apiKey);
        return (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{apiKey.name}</Typography.Text>
            {issuer ? (
              <Typography.Text type="secondary">
                {t('apiKeys.columns.createdBy')}: {issuer.kind === 'apiKey' ? t('apiKeys.issuedByKey', { name: issuer.name }) : issuer.name}
              </Typography.Text>
            ) : null}
            {issuer?.kind === 'apiKey' && !apiKey.revokedAt ? (
              <Typography.Text type="secondary">{t('apiKeys.revokedWithIssuer', { name: issuer.name })}</Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: t('apiKeys.columns.prefix'),
      key: 'prefix',
      width: 140,
      render: (_: unknown, apiKey) => <code>{apiKey.prefix}…</code>,
    },
    {
      title: t('apiKeys.columns.permissions'),
      key: 'permissions',
      render: (_: unknown, apiKey) => {
        const shown = apiKey.permissions.slice(0, MAX_PERMISSION_TAGS);
        const rest = apiKey.permissions.length - shown.length;
        return (
          <Space size={[0, 4]} wrap>
            {shown.map((key) => (
              <Tag key={key}>{labelOf(key)}</Tag>
            ))}
            {rest > 0 ? <Tag>{`+${String(rest)}`}</Tag> : null}
          </Space>
        );
      },
    },
    // Without departments.read the server refuses the department: no column.
    ...(fieldVariables.withDepartment
      ? [
          {
            title: t('apiKeys.columns.department'),
            key: 'department',
            width: 140,
            // null: every department; undefined cannot happen once asked for.
            render: (_: unknown, apiKey: ApiKeyFieldsFragment) =>
              apiKey.department === null ? t('apiKeys.allDepartments') : (apiKey.department?.name ?? '—'),
          },
        ]
      : []),
    {
      title: t('apiKeys.columns.rateLimit'),
      key: 'rateLimit',
      width: 150,
      render: (_: unknown, apiKey) => (
        <Space size={[0, 4]} wrap>
          <span>{apiKey.rateLimitPerMinute}</span>
          {apiKey.ipRestricted ? <Tag color="blue">{t('apiKeys.ipRestricted')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('apiKeys.columns.expiresAt'),
      key: 'expiresAt',
      width: 120,
      render: (_: unknown, apiKey) => (apiKey.expiresAt ? formatDate(apiKey.expiresAt) : t('apiKeys.noExpiry')),
    },
    {
      title: t('apiKeys.columns.lastUsedAt'),
      key: 'lastUsedAt',
      width: 150,
      render: (_: unknown, apiKey) => formatDateTime(apiKey.lastUsedAt, t('common.never')),
    },
    {
      title: t('apiKeys.columns.status'),
      key: 'status',
      width: 100,
      render: (_: unknown, apiKey) => {
        const status = apiKeyStatus(apiKey);
        return <Tag color={STATUS_COLOURS[status]}>{t(`apiKeys.status.${status}`)}</Tag>;
      },
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 130,
      render: (_: unknown, apiKey) =>
        apiKey.revokedAt ? null : (
          <Popconfirm
            title={t('apiKeys.revokeConfirm', { name: apiKey.name })}
            description={revokeCascadeText(apiKey)}
            okText={t('apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => {
              void rowActions.run(() => revoke({ variables: { id: apiKey.id, ...fieldVariables } }), t('apiKeys.revoked'));
            }}
          >
            <Button size="small" danger icon={<StopOutlined />} aria-label={t('apiKeys.revokeOf', { name: apiKey.name })}>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    });
  }

  return (
    <ListPage<ApiKeyFieldsFragment>
      title={t('apiKeys.title')}
      description={t('apiKeys.description')}
      actions={
        canWrite ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('apiKeys.add')}
          </Button>
        ) : null
      }
      rowActions={rowActions}
      list={list}
      columns={columns}
      emptyText={t('apiKeys.empty')}
    >
      {creating ? (
        <CreateApiKeyModal
          catalogue={catalogue}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
          }}
          onClose={() => {
            setCreating(false);
          }}
        />
      ) : null}
      {created ? (
        <ApiKeySecretModal
          name={created.apiKey.name}
          secret={created.secret}
          onClose={() => {
            setCreated(null);
          }}
        />
      ) : null}
    </ListPage>
  );
}
