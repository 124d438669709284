import type { ThemeConfig } from 'antd';

/** What the test tells the page before it loads. */
export interface BrowserPageSetup {
  /** The URL the router starts at, e.g. `/deliveries/d-1`. */
  path: string;
  permissions: string[];
}

/** One GraphQL operation as the page sent it (a subscription too, when it starts). */
export interface GraphQLRequest {
  operationName: string;
  variables: Record<string, unknown>;
  query: string;
  /** The page's `Date.now()` when it sent the operation (or started the subscription). */
  sentAt: number;
}

/** What the test answers: data, or errors as the server formats them. */
export type GraphQLAnswer =
  { data: Record<string, unknown> } | { errors: Array<{ message: string; extensions?: Record<string, unknown> }> };

/** The console's theme tokens (app/app.tsx), so the page looks and contrasts as staff see it. */
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
