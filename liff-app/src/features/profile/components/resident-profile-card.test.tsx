import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../../test/render';
import { ResidentProfileCard } from './resident-profile-card';

describe('ResidentProfileCard', () => {
  it('shows the LINE display name, picture and language', async () => {
    const html = await renderToHtml(
      <ResidentProfileCard
        resident={{
          id: 'r1',
          displayName: '山田花子',
          pictureUrl: 'https://profile.line-scdn.net/abc',
          language: 'en',
        }}
      />,
    );
    expect(html).toContain('山田花子');
    expect(html).toContain('src="https://profile.line-scdn.net/abc"');
    expect(html).toContain('英語');
  });

  it('copes with a resident without a name, picture or supported language', async () => {
    const html = await renderToHtml(<ResidentProfileCard resident={{ id: 'r1', displayName: null, pictureUrl: null, language: 'ko' }} />);
    expect(html).toContain('（未設定）');
    expect(html).toContain('その他（ko）');
    expect(html).not.toContain('<img');
  });
});
