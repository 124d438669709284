import { BranchesOutlined, CalendarOutlined, CheckCircleOutlined, PauseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import type { CSSProperties, ReactNode } from 'react';
import { StatusTag, TONES } from '../../../shared/ui/status-tag';
import type { StatusLook } from '../../../shared/ui/status-tag';
import type { CalendarKind } from '../lib/calendar';

/** The tones of the calendar's entries, as their tags have them (never colour alone: an icon and words too). */
export const KIND_TONES = {
  scheduled: TONES.blue,
  recurring: TONES.teal,
  step: TONES.purple,
} satisfies Record<CalendarKind, CSSProperties>;

export const KIND_ICONS: Record<CalendarKind, ReactNode> = {
  scheduled: <CalendarOutlined aria-hidden="true" />,
  recurring: <SyncOutlined aria-hidden="true" />,
  step: <BranchesOutlined aria-hidden="true" />,
};

const KIND_LOOKS: Record<CalendarKind, StatusLook> = {
  scheduled: { tone: 'blue', icon: KIND_ICONS.scheduled, label: 'deliveries.calendar.kinds.scheduled' },
  recurring: { tone: 'teal', icon: KIND_ICONS.recurring, label: 'deliveries.calendar.kinds.recurring' },
  step: { tone: 'purple', icon: KIND_ICONS.step, label: 'deliveries.calendar.kinds.step' },
};

const PLAN_LOOKS: Record<'enabled' | 'disabled', StatusLook> = {
  enabled: { tone: 'green', icon: <CheckCircleOutlined aria-hidden="true" />, label: 'deliveries.steps.status.enabled' },
  disabled: { tone: 'grey', icon: <PauseCircleOutlined aria-hidden="true" />, label: 'deliveries.steps.status.disabled' },
};

/** 有効 / 停止中 of a step plan. */
export function StepPlanStatusTag({ enabled }: { enabled: boolean }) {
  return <StatusTag status={enabled ? 'enabled' : 'disabled'} looks={PLAN_LOOKS} />;
}

/** 日時指定 / 繰り返し / ステップ on the calendar. */
export function CalendarKindTag({ kind }: { kind: CalendarKind }) {
  return <StatusTag status={kind} looks={KIND_LOOKS} />;
}
