import { describe, expect, it } from 'vitest';
import { hasPermission } from '../../../shared/lib/permissions';
import type { PermissionRequirement } from '../../../shared/lib/permissions';
import { deliveryActions, runPercent } from './actions';
import type { DeliveryState } from './actions';

const holding =
  (...granted: string[]) =>
  (required: PermissionRequirement) =>
    hasPermission(granted, required);

const draft: DeliveryState = { status: 'DRAFT', approvedAt: null, lastTestedAt: null, targetKind: 'SEGMENTS', timing: 'IMMEDIATE' };

describe('deliveryActions', () => {
  it('lets a sender send a draft, and a composer without deliveries.send ask for approval instead', () => {
    expect(deliveryActions(draft, holding('deliveries.manage', 'deliveries.send'))).toMatchObject({
      send: true,
      requestApproval: false,
      cancel: false,
    });
    expect(deliveryActions(draft, holding('deliveries.manage'))).toMatchObject({ send: false, requestApproval: true });
  });

  it('lets an approver approve what awaits approval, after which its composer may send it', () => {
    const awaiting = { ...draft, status: 'AWAITING_APPROVAL' as const };
    expect(deliveryActions(awaiting, holding('deliveries.approve'))).toMatchObject({ approve: true, send: false });
    expect(deliveryActions(awaiting, holding('deliveries.manage'))).toMatchObject({ send: false, requestApproval: false });
    const approved = { ...awaiting, approvedAt: '2026-12-01T00:00:00Z' };
    expect(deliveryActions(approved, holding('deliveries.manage'))).toMatchObject({ send: true });
    expect(deliveryActions(approved, holding('deliveries.approve'))).toMatchObject({ approve: false });
  });

  it('needs a test send before every friend, offers nothing to a reader, and no edit once sent', () => {
    expect(deliveryActions({ ...draft, targetKind: 'ALL' }, holding('deliveries.manage', 'deliveries.send')).testRequired).toBe(true);
    expect(deliveryActions({ ...draft, targetKind: 'ALL', lastTestedAt: '2026-12-01T00:00:00Z' }, holding()).testRequired).toBe(false);
    expect(Object.values(deliveryActions(draft, holding('deliveries.read'))).filter((v) => v === true)).toEqual([]);
    expect(deliveryActions({ ...draft, status: 'SENT' }, holding('deliveries.manage', 'deliveries.send'))).toMatchObject({
      edit: false,
      test: false,
      send: false,
      cancel: false,
    });
    expect(deliveryActions({ ...draft, status: 'SCHEDULED' }, holding('deliveries.send'))).toMatchObject({ cancel: true, edit: false });
  });
});

describe('runPercent', () => {
  it('counts sent and failed against the planned recipients', () => {
    expect(runPercent({ recipientsPlanned: 1000, recipientsSent: 495, recipientsFailed: 5 })).toBe(50);
    expect(runPercent({ recipientsPlanned: 0, recipientsSent: 0, recipientsFailed: 0 })).toBe(0);
  });
});
