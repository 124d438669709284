import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  EyeInvisibleOutlined,
  GlobalOutlined,
  PauseCircleOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { MailSubscriberStatus } from '../../../gql/graphql';
import { StatusTag } from '../../../shared/ui/status-tag';
import type { StatusLook } from '../../../shared/ui/status-tag';

const VISIBILITY_LOOKS: Record<'public' | 'private', StatusLook> = {
  public: { tone: 'blue', icon: <GlobalOutlined aria-hidden="true" />, label: 'mailLists.visibility.public' },
  private: { tone: 'grey', icon: <EyeInvisibleOutlined aria-hidden="true" />, label: 'mailLists.visibility.private' },
};

const ACTIVE_LOOKS: Record<'active' | 'inactive', StatusLook> = {
  active: { tone: 'green', icon: <CheckCircleOutlined aria-hidden="true" />, label: 'mailLists.status.active' },
  inactive: { tone: 'grey', icon: <PauseCircleOutlined aria-hidden="true" />, label: 'mailLists.status.inactive' },
};

const SUBSCRIBER_LOOKS: Record<MailSubscriberStatus, StatusLook> = {
  CONFIRMED: { tone: 'green', icon: <CheckCircleOutlined aria-hidden="true" />, label: 'mailLists.subscriberStatus.CONFIRMED' },
  PENDING: { tone: 'amber', icon: <ClockCircleOutlined aria-hidden="true" />, label: 'mailLists.subscriberStatus.PENDING' },
  UNSUBSCRIBED: { tone: 'red', icon: <StopOutlined aria-hidden="true" />, label: 'mailLists.subscriberStatus.UNSUBSCRIBED' },
};

/** 公開 / 非公開 on the sign-up page. */
export function VisibilityTag({ isPublic }: { isPublic: boolean }) {
  return <StatusTag status={isPublic ? 'public' : 'private'} looks={VISIBILITY_LOOKS} />;
}

/** 受付中 / 停止中. */
export function ActiveTag({ active }: { active: boolean }) {
  return <StatusTag status={active ? 'active' : 'inactive'} looks={ACTIVE_LOOKS} />;
}

export function SubscriberStatusTag({ status }: { status: MailSubscriberStatus }) {
  return <StatusTag status={status} looks={SUBSCRIBER_LOOKS} />;
}
