import type { ThemeConfig } from 'antd';

/** Colours chosen for WCAG AA contrast on white (4.5:1 or better for text). */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0b6b35',
    colorLink: '#0b6b35',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorError: '#cf1322',
    borderRadius: 6,
    fontFamily: "'Noto Sans JP', 'Hiragino Kaku Gothic ProN', 'Hiragino Sans', Meiryo, system-ui, -apple-system, 'Segoe UI', sans-serif",
    fontSize: 15,
  },
};
