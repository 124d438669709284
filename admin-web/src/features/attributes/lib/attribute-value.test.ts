import { describe, expect, it } from 'vitest';
import { toFormValue, toInput, valueText } from './attribute-value';

const option = (key: string, label: string) => ({
  __typename: 'AttributeOption' as const,
  id: key,
  key,
  label,
  parentKey: null,
  position: 1,
  retiredAt: null,
});
const words = { yes: 'はい', no: 'いいえ', consent: '同意する' };

describe('attribute values in the console', () => {
  it('reads option keys as their labels', () => {
    const def = { key: 'interests', kind: 'MULTIPLE_CHOICE' as const, options: [option('o01', '子育て'), option('o02', '防災')] };
    expect(valueText(def, { optionKeys: ['o02', 'o01'] }, words)).toBe('防災、子育て');
    expect(valueText(def, { optionKeys: [] }, words)).toBeNull();
  });

  it('round-trips each kind between the API and the form, an empty control clearing', () => {
    const yesNo = { key: 'pregnant', kind: 'YES_NO' as const, options: [] };
    expect(toFormValue(yesNo, { flag: false })).toBe('no');
    expect(toInput(yesNo, 'no')).toEqual({ attributeKey: 'pregnant', flag: false });
    expect(toInput(yesNo, undefined)).toEqual({ attributeKey: 'pregnant', flag: null });
    const dates = { key: 'children', kind: 'DATE_LIST' as const, options: [] };
    expect(toInput(dates, ['2020-01-01', ''])).toEqual({ attributeKey: 'children', dates: ['2020-01-01'] });
    const consent = { key: 'consent', kind: 'CONSENT' as const, options: [] };
    expect(toInput(consent, false)).toEqual({ attributeKey: 'consent', flag: null });
    expect(valueText(consent, { flag: true }, words)).toBe('同意する');
  });
});
