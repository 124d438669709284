import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  EditOutlined,
  PauseCircleOutlined,
  SendOutlined,
  StopOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { DeliveryRunKind, DeliveryRunStatus, DeliveryStatus } from '../../../gql/graphql';
import { StatusTag } from '../../../shared/ui/status-tag';
import type { StatusLook } from '../../../shared/ui/status-tag';

/** `approved`: awaiting approval no longer, but not yet sent or scheduled. */
const DELIVERY_LOOKS: Record<DeliveryStatus | 'approved', StatusLook> = {
  DRAFT: { tone: 'grey', icon: <EditOutlined aria-hidden="true" />, label: 'deliveries.status.DRAFT' },
  approved: { tone: 'green', icon: <CheckCircleOutlined aria-hidden="true" />, label: 'deliveries.status.approved' },
  AWAITING_APPROVAL: { tone: 'amber', icon: <UserSwitchOutlined aria-hidden="true" />, label: 'deliveries.status.AWAITING_APPROVAL' },
  SCHEDULED: { tone: 'blue', icon: <ClockCircleOutlined aria-hidden="true" />, label: 'deliveries.status.SCHEDULED' },
  SENDING: { tone: 'teal', icon: <SendOutlined aria-hidden="true" />, label: 'deliveries.status.SENDING' },
  SENT: { tone: 'green', icon: <CheckCircleOutlined aria-hidden="true" />, label: 'deliveries.status.SENT' },
  CANCELED: { tone: 'red', icon: <StopOutlined aria-hidden="true" />, label: 'deliveries.status.CANCELED' },
};

const RUN_LOOKS: Record<DeliveryRunStatus, StatusLook> = {
  SENDING: { tone: 'teal', icon: <SendOutlined aria-hidden="true" />, label: 'deliveries.runStatus.SENDING' },
  PAUSED: { tone: 'amber', icon: <PauseCircleOutlined aria-hidden="true" />, label: 'deliveries.runStatus.PAUSED' },
  COMPLETED: { tone: 'green', icon: <CheckCircleOutlined aria-hidden="true" />, label: 'deliveries.runStatus.COMPLETED' },
  CANCELED: { tone: 'red', icon: <StopOutlined aria-hidden="true" />, label: 'deliveries.runStatus.CANCELED' },
};

const KIND_LOOKS: Record<DeliveryRunKind, StatusLook> = {
  TEST: { tone: 'grey', icon: null, label: 'deliveries.runKind.TEST' },
  REAL: { tone: 'blue', icon: null, label: 'deliveries.runKind.REAL' },
};

export function DeliveryStatusTag({ status, approvedAt }: { status: DeliveryStatus; approvedAt?: string | null }) {
  return <StatusTag status={status === 'AWAITING_APPROVAL' && approvedAt ? 'approved' : status} looks={DELIVERY_LOOKS} />;
}

export function RunStatusTag({ status }: { status: DeliveryRunStatus }) {
  return <StatusTag status={status} looks={RUN_LOOKS} />;
}

export function RunKindTag({ kind }: { kind: DeliveryRunKind }) {
  return <StatusTag status={kind} looks={KIND_LOOKS} />;
}
