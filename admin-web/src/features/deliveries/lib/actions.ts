import type { DeliveryRunStatus, DeliveryStatus, DeliveryTargetKind, DeliveryTiming } from '../../../gql/graphql';
import type { Can } from '../../../shared/lib/permissions';

/** What a delivery's state lets anyone do, as the server decides it (deliveries/delivery.service.ts). */
export interface DeliveryState {
  status: DeliveryStatus;
  approvedAt: string | null;
  lastTestedAt: string | null;
  targetKind: DeliveryTargetKind;
  timing: DeliveryTiming;
}

/** The actions the delivery page offers the viewer. */
export interface DeliveryActions {
  /** Change the content, target or timing (a change returns it to draft). */
  edit: boolean;
  test: boolean;
  /** Send now or arm the schedule: staff with deliveries.send, or anyone who may manage once a second staff member approved. */
  send: boolean;
  /** Ask for approval instead (a role without deliveries.send). */
  requestApproval: boolean;
  approve: boolean;
  cancel: boolean;
  /** A send to every friend waits for a test send first (the server's TEST_SEND_REQUIRED). */
  testRequired: boolean;
}

export const EDITABLE_STATUSES: readonly DeliveryStatus[] = ['DRAFT', 'AWAITING_APPROVAL', 'SCHEDULED'];

export function isEditable(status: DeliveryStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export function deliveryActions(delivery: DeliveryState, can: Can): DeliveryActions {
  const manage = can('deliveries.manage');
  const mayAct = can('deliveries.send') || delivery.approvedAt !== null;
  const draft = delivery.status === 'DRAFT';
  const awaiting = delivery.status === 'AWAITING_APPROVAL';
  const unsent = draft || awaiting;
  return {
    edit: manage && isEditable(delivery.status),
    test: manage && isEditable(delivery.status),
    send: manage && unsent && mayAct,
    requestApproval: manage && draft && !mayAct,
    approve: can('deliveries.approve') && awaiting && delivery.approvedAt === null,
    cancel: can('deliveries.send') && (delivery.status === 'SCHEDULED' || delivery.status === 'SENDING' || awaiting),
    testRequired: delivery.targetKind === 'ALL' && delivery.lastTestedAt === null,
  };
}

/** Whether a run may still change (its progress is followed live). */
export function isRunActive(status: DeliveryRunStatus): boolean {
  return status === 'SENDING' || status === 'PAUSED';
}

/** The share of the planned recipients a run has handled, 0–100. */
export function runPercent(progress: { recipientsPlanned: number; recipientsSent: number; recipientsFailed: number }): number {
  if (progress.recipientsPlanned <= 0) return 0;
  return Math.min(100, Math.floor(((progress.recipientsSent + progress.recipientsFailed) / progress.recipientsPlanned) * 100));
}
