import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../test/render';
import { ActionCardGrid } from './action-card-grid';

describe('ActionCardGrid', () => {
  it('renders one link per item, in order', async () => {
    const html = await renderToHtml(
      <ActionCardGrid
        labelledBy="h"
        items={[
          { id: 'profile', to: '/profile', title: 'プロフィール', description: '表示名を確認' },
          { id: 'forms', to: '/forms', title: '申請', description: 'オンライン申請' },
        ]}
      />,
    );
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html.indexOf('href="/profile"')).toBeLessThan(html.indexOf('href="/forms"'));
    expect(html).toContain('aria-labelledby="h"');
  });
});
