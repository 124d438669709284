import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  EyeInvisibleOutlined,
  GlobalOutlined,
  PauseCircleOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSubscriberStatus } from '../../../gql/graphql';

/** Dark text on a light ground (AA contrast) and an icon: a state is never told by colour alone. */
const TONES = {
  grey: { color: '#262626', background: '#f0f0f0', borderColor: '#bfbfbf' },
  amber: { color: '#7a3300', background: '#fff7e6', borderColor: '#ffc069' },
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
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

/** 公開 / 非公開 on the sign-up page. */
export function VisibilityTag({ isPublic }: { isPublic: boolean }) {
  const { t } = useTranslation();
  return isPublic ? (
    <Badge tone="blue" icon={<GlobalOutlined aria-hidden="true" />}>
      {t('mailLists.visibility.public')}
    </Badge>
  ) : (
    <Badge tone="grey" icon={<EyeInvisibleOutlined aria-hidden="true" />}>
      {t('mailLists.visibility.private')}
    </Badge>
  );
}

/** 受付中 / 停止中. */
export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? (
    <Badge tone="green" icon={<CheckCircleOutlined aria-hidden="true" />}>
      {t('mailLists.status.active')}
    </Badge>
  ) : (
    <Badge tone="grey" icon={<PauseCircleOutlined aria-hidden="true" />}>
      {t('mailLists.status.inactive')}
    </Badge>
  );
}

export function SubscriberStatusTag({ status }: { status: MailSubscriberStatus }) {
  const { t } = useTranslation();
  switch (status) {
    case 'CONFIRMED':
      return (
        <Badge tone="green" icon={<CheckCircleOutlined aria-hidden="true" />}>
          {t('mailLists.subscriberStatus.CONFIRMED')}
        </Badge>
      );
    case 'PENDING':
      return (
        <Badge tone="amber" icon={<ClockCircleOutlined aria-hidden="true" />}>
          {t('mailLists.subscriberStatus.PENDING')}
        </Badge>
      );
    case 'UNSUBSCRIBED':
      return (
        <Badge tone="red" icon={<StopOutlined aria-hidden="true" />}>
          {t('mailLists.subscriberStatus.UNSUBSCRIBED')}
        </Badge>
      );
  }
}
