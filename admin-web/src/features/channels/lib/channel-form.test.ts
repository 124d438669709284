import { describe, expect, it } from 'vitest';
import { toCreateChannelInput, toUpdateChannelInput } from './channel-form';

const base = { name: ' 〇〇市公式 ', purpose: 'PRODUCTION' as const, messagingChannelId: ' 1650000000 ' };

describe('toCreateChannelInput', () => {
  it('trims, drops blank optional fields and de-duplicates LIFF IDs', () => {
    expect(
      toCreateChannelInput({
        ...base,
        channelSecret: ' abc ',
        channelAccessToken: 'tok',
        loginChannelId: ' ',
        liffIds: ['1-a', ' 1-a ', ''],
        greetingText: '  ',
      }),
    ).toEqual({
      name: '〇〇市公式',
      purpose: 'PRODUCTION',
      messagingChannelId: '1650000000',
      channelSecret: 'abc',
      channelAccessToken: 'tok',
      liffIds: ['1-a'],
    });
  });
});

describe('toUpdateChannelInput', () => {
  it('keeps the stored credentials when the fields are left empty', () => {
    const input = toUpdateChannelInput('c1', { ...base, channelSecret: '', channelAccessToken: undefined });
    expect(input).not.toHaveProperty('channelSecret');
    expect(input).not.toHaveProperty('channelAccessToken');
    expect(input).toMatchObject({ id: 'c1', loginChannelId: '', isActive: true });
  });

  it('replaces a credential that was typed', () => {
    expect(toUpdateChannelInput('c1', { ...base, channelSecret: 'new' }).channelSecret).toBe('new');
  });

  it('keeps the greeting line breaks', () => {
    expect(toUpdateChannelInput('c1', { ...base, greetingText: 'a\nb' }).greetingText).toBe('a\nb');
  });
});
