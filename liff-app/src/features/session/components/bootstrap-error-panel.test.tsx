import { describe, expect, it } from 'vitest';
import { renderToHtml } from '../../../test/render';
import { BootstrapErrorPanel } from './bootstrap-error-panel';

const noop = () => undefined;

describe('BootstrapErrorPanel', () => {
  it('explains a network failure in Japanese and offers only a retry', async () => {
    const html = await renderToHtml(
      <BootstrapErrorPanel error={{ kind: 'network', serverMessage: null }} canRelogin onRetry={noop} onRelogin={noop} />,
    );
    expect(html).toContain('サーバーに接続できませんでした');
    expect(html).toContain('もう一度試す');
    expect(html).not.toContain('もう一度ログインする');
    expect(html).toContain('role="alert"');
  });

  it('offers a new LINE login for a rejected token in an external browser, with the server message', async () => {
    const html = await renderToHtml(
      <BootstrapErrorPanel
        error={{ kind: 'tokenRejected', serverMessage: 'IDトークンの有効期限が切れています' }}
        canRelogin
        onRetry={noop}
        onRelogin={noop}
      />,
    );
    expect(html).toContain('もう一度ログインする');
    expect(html).toContain('IDトークンの有効期限が切れています');
  });

  it('does not offer a new login inside LINE, where LIFF logs in by itself', async () => {
    const html = await renderToHtml(
      <BootstrapErrorPanel error={{ kind: 'tokenRejected', serverMessage: null }} canRelogin={false} onRetry={noop} onRelogin={noop} />,
    );
    expect(html).not.toContain('もう一度ログインする');
  });

  it('speaks English when English is chosen', async () => {
    const html = await renderToHtml(
      <BootstrapErrorPanel error={{ kind: 'rateLimited', serverMessage: null }} canRelogin={false} onRetry={noop} onRelogin={noop} />,
      'en',
    );
    expect(html).toContain('The service is busy');
    expect(html).toContain('Try again');
  });
});
