import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  EditOutlined,
  PauseCircleOutlined,
  SendOutlined,
  StopOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryRunKind, DeliveryRunStatus, DeliveryStatus } from '../../../gql/graphql';

/** Dark text on a light ground (AA contrast), and an icon: a status is never told by colour alone. */
const TONES = {
  grey: { color: '#262626', background: '#f0f0f0', borderColor: '#bfbfbf' },
  amber: { color: '#7a3300', background: '#fff7e6', borderColor: '#ffc069' },
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  teal: { color: '#00474f', background: '#e6fffb', borderColor: '#5cdbd3' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
} satisfies Record<string, CSSProperties>;

function Badge({ tone, icon, children }: { tone: keyof typeof TONES; icon: ReactNode; children: ReactNode }) {
  return (
    <Tag style={{ ...TONES[tone], fontSize: 13, marginInlineEnd: 0 }} icon={icon} className="nowrap">
      {children}
    </Tag>
  );
}

export function DeliveryStatusTag({ status, approvedAt }: { status: DeliveryStatus; approvedAt?: string | null }) {
  const { t } = useTranslation();
  switch (status) {
    case 'DRAFT':
      return (
        <Badge tone="grey" icon={<EditOutlined aria-hidden="true" />}>
          {t('deliveries.status.DRAFT')}
        </Badge>
      );
    case 'AWAITING_APPROVAL':
      return approvedAt ? (
        <Badge tone="green" icon={<CheckCircleOutlined aria-hidden="true" />}>
          {t('deliveries.status.approved')}
        </Badge>
      ) : (
        <Badge tone="amber" icon={<UserSwitchOutlined aria-hidden="true" />}>
          {t('deliveries.status.AWAITING_APPROVAL')}
        </Badge>
      );
    case 'SCHEDULED':
      return (
        <Badge tone="blue" icon={<ClockCircleOutlined aria-hidden="true" />}>
          {t('deliveries.status.SCHEDULED')}
        </Badge>
      );
    case 'SENDING':
      return (
        <Badge tone="teal" icon={<SendOutlined aria-hidden="true" />}>
          {t('deliveries.status.SENDING')}
        </Badge>
      );
    case 'SENT':
      return (
        <Badge tone="green" icon={<CheckCircleOutlined aria-hidden="true" />}>
          {t('deliveries.status.SENT')}
        </Badge>
      );
    case 'CANCELED':
      return (
        <Badge tone="red" icon={<StopOutlined aria-hidden="true" />}>
          {t('deliveries.status.CANCELED')}
        </Badge>
      );
  }
}

export function RunStatusTag({ status }: { status: DeliveryRunStatus }) {
  const { t } = useTranslation();
  switch (status) {
    case 'SENDING':
      return (
        <Badge tone="teal" icon={<SendOutlined aria-hidden="true" />}>
          {t('deliveries.runStatus.SENDING')}
        </Badge>
      );
    case 'PAUSED':
      return (
        <Badge tone="amber" icon={<PauseCircleOutlined aria-hidden="true" />}>
          {t('deliveries.runStatus.PAUSED')}
        </Badge>
      );
    case 'COMPLETED':
      return (
        <Badge tone="green" icon={<CheckCircleOutlined aria-hidden="true" />}>
          {t('deliveries.runStatus.COMPLETED')}
        </Badge>
      );
    case 'CANCELED':
      return (
        <Badge tone="red" icon={<StopOutlined aria-hidden="true" />}>
          {t('deliveries.runStatus.CANCELED')}
        </Badge>
      );
  }
}

export function RunKindTag({ kind }: { kind: DeliveryRunKind }) {
  const { t } = useTranslation();
  return kind === 'TEST' ? (
    <Badge tone="grey" icon={null}>
      {t('deliveries.runKind.TEST')}
    </Badge>
  ) : (
    <Badge tone="blue" icon={null}>
      {t('deliveries.runKind.REAL')}
    </Badge>
  );
}
