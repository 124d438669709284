import { BranchesOutlined, CalendarOutlined, CheckCircleOutlined, PauseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarKind } from '../lib/calendar';

/** Dark text on a light ground (AA contrast) and an icon, as the delivery status tags: never colour alone. */
export const KIND_TONES = {
  scheduled: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  recurring: { color: '#00474f', background: '#e6fffb', borderColor: '#5cdbd3' },
  step: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
} satisfies Record<CalendarKind, CSSProperties>;

const STATUS_TONES = {
  enabled: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  disabled: { color: '#262626', background: '#f0f0f0', borderColor: '#bfbfbf' },
} satisfies Record<string, CSSProperties>;

export const KIND_ICONS: Record<CalendarKind, ReactNode> = {
  scheduled: <CalendarOutlined aria-hidden="true" />,
  recurring: <SyncOutlined aria-hidden="true" />,
  step: <BranchesOutlined aria-hidden="true" />,
};

/** 有効 / 停止中 of a step plan. */
export function StepPlanStatusTag({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag
      className="nowrap"
      style={{ ...(enabled ? STATUS_TONES.enabled : STATUS_TONES.disabled), fontSize: 13, marginInlineEnd: 0 }}
      icon={enabled ? <CheckCircleOutlined aria-hidden="true" /> : <PauseCircleOutlined aria-hidden="true" />}
    >
      {enabled ? t('deliveries.steps.status.enabled') : t('deliveries.steps.status.disabled')}
    </Tag>
  );
}

/** 日時指定 / 繰り返し / ステップ on the calendar. */
export function CalendarKindTag({ kind }: { kind: CalendarKind }) {
  const { t } = useTranslation();
  return (
    <Tag className="nowrap" style={{ ...KIND_TONES[kind], fontSize: 13, marginInlineEnd: 0 }} icon={KIND_ICONS[kind]}>
      {t(`deliveries.calendar.kinds.${kind}`)}
    </Tag>
  );
}
