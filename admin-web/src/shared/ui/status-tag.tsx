import { Tag } from 'antd';
import type { ParseKeys } from 'i18next';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Dark text on a light ground (AA contrast), and an icon: a status is never told by colour alone. */
export const TONES = {
  grey: { color: '#262626', background: '#f0f0f0', borderColor: '#bfbfbf' },
  amber: { color: '#7a3300', background: '#fff7e6', borderColor: '#ffc069' },
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  teal: { color: '#00474f', background: '#e6fffb', borderColor: '#5cdbd3' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  purple: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
} satisfies Record<string, CSSProperties>;

export type Tone = keyof typeof TONES;

/** How one status is shown: its tone, its icon (`aria-hidden`; null: none) and the key of its words. */
export interface StatusLook {
  tone: Tone;
  icon: ReactNode;
  label: ParseKeys;
}

/** A status in words on its tone, with its icon: `<StatusTag status={run.status} looks={RUN_LOOKS} />`. */
export function StatusTag<S extends string>({ status, looks }: { status: S; looks: Readonly<Record<S, StatusLook>> }) {
  const { t } = useTranslation();
  const { tone, icon, label } = looks[status];
  return (
    <Tag style={{ ...TONES[tone], fontSize: 13, marginInlineEnd: 0 }} icon={icon} className="nowrap">
      {t(label)}
    </Tag>
  );
}
