// Request examples for the contract test: valid ones (the emulator and LINE's official schema must
// both accept them) and invalid ones (LINE's official schema rejects them, so must the emulator).

const uri = { type: 'uri', label: '開く', uri: 'https://example.com/page' };
const postback = { type: 'postback', label: '予約', data: 'action=reserve&id=1', displayText: '予約します' };
const message = { type: 'message', label: 'はい', text: 'はい' };

export const VALID_MESSAGES: Record<string, unknown>[] = [
  { type: 'text', text: 'こんにちは' },
  { type: 'text', text: '$ emoji', emojis: [{ index: 0, productId: '5ac1bfd5040ab15980c9b435', emojiId: '001' }] },
  {
    type: 'text',
    text: 'quick',
    quickReply: {
      items: [
        { type: 'action', action: message },
        { type: 'action', imageUrl: 'https://example.com/icon.png', action: { type: 'camera', label: 'カメラ' } },
        { type: 'action', action: { type: 'location', label: '位置情報' } },
        { type: 'action', action: { type: 'datetimepicker', label: '日付', data: 'd', mode: 'date' } },
      ],
    },
    sender: { name: '防災課', iconUrl: 'https://example.com/icon.png' },
  },
  {
    type: 'textV2',
    text: '{user}さん {emoji}',
    substitution: {
      user: { type: 'mention', mentionee: { type: 'user', userId: `U${'0'.repeat(32)}` } },
      emoji: { type: 'emoji', productId: 'p', emojiId: '001' },
    },
  },
  { type: 'sticker', packageId: '446', stickerId: '1988' },
  { type: 'image', originalContentUrl: 'https://example.com/a.jpg', previewImageUrl: 'https://example.com/a-preview.jpg' },
  { type: 'video', originalContentUrl: 'https://example.com/a.mp4', previewImageUrl: 'https://example.com/a.jpg', trackingId: 'track-1' },
  { type: 'audio', originalContentUrl: 'https://example.com/a.m4a', duration: 60000 },
  { type: 'location', title: '市役所', address: '東京都千代田区', latitude: 35.68, longitude: 139.76 },
  {
    type: 'imagemap',
    baseUrl: 'https://example.com/imagemap',
    altText: 'イメージマップ',
    baseSize: { width: 1040, height: 1040 },
    actions: [
      { type: 'uri', linkUri: 'https://example.com', area: { x: 0, y: 0, width: 520, height: 1040 } },
      { type: 'message', text: 'hello', area: { x: 520, y: 0, width: 520, height: 1040 } },
    ],
  },
  {
    type: 'template',
    altText: 'ボタン',
    template: {
      type: 'buttons',
      thumbnailImageUrl: 'https://example.com/t.jpg',
      title: 'タイトル',
      text: '本文',
      actions: [postback, uri],
    },
  },
  {
    type: 'template',
    altText: '確認',
    template: { type: 'confirm', text: 'よろしいですか', actions: [message, { ...message, label: 'いいえ', text: 'いいえ' }] },
  },
  {
    type: 'template',
    altText: 'カルーセル',
    template: {
      type: 'carousel',
      columns: [
        { text: '一', actions: [uri] },
        { text: '二', actions: [postback] },
      ],
    },
  },
  {
    type: 'template',
    altText: '画像カルーセル',
    template: { type: 'image_carousel', columns: [{ imageUrl: 'https://example.com/1.jpg', action: uri }] },
  },
  {
    type: 'flex',
    altText: 'お知らせ',
    contents: {
      type: 'bubble',
      hero: { type: 'image', url: 'https://example.com/hero.jpg', size: 'full' },
      body: {
        type: 'box',
        layout: 'vertical',
        contents: [
          { type: 'text', text: '見出し', weight: 'bold' },
          {
            type: 'box',
            layout: 'baseline',
            contents: [
              { type: 'icon', url: 'https://example.com/i.png' },
              { type: 'text', text: '詳細' },
            ],
          },
          { type: 'separator' },
        ],
      },
      footer: { type: 'box', layout: 'horizontal', contents: [{ type: 'button', style: 'primary', action: uri }] },
    },
  },
  {
    type: 'flex',
    altText: 'カルーセル',
    contents: {
      type: 'carousel',
      contents: [{ type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: '1' }] } }],
    },
  },
];

const user = (n: number) => `U${n.toString(16).padStart(32, '0')}`;
const five = VALID_MESSAGES.slice(0, 5);

export interface RequestExamples {
  valid: unknown[];
  /** Each with why it is invalid. */
  invalid: [string, unknown][];
}

const messageBodyInvalid = (base: Record<string, unknown>): [string, unknown][] => [
  ['no messages', { ...base, messages: [] }],
  ['six messages', { ...base, messages: [...five, five[0]] }],
  ['messages missing', { ...base, messages: undefined }],
  ['message without type', { ...base, messages: [{ text: 'x' }] }],
  ['unknown message type', { ...base, messages: [{ type: 'hologram', text: 'x' }] }],
  ['text without text', { ...base, messages: [{ type: 'text' }] }],
  ['image without preview', { ...base, messages: [{ type: 'image', originalContentUrl: 'https://example.com/a.jpg' }] }],
  ['location without latitude', { ...base, messages: [{ type: 'location', title: 't', address: 'a', longitude: 1 }] }],
  ['sender name too long', { ...base, messages: [{ type: 'text', text: 'x', sender: { name: 'あ'.repeat(21) } }] }],
  [
    'fourteen quick replies',
    {
      ...base,
      messages: [
        { type: 'text', text: 'x', quickReply: { items: Array.from({ length: 14 }, () => ({ type: 'action', action: message })) } },
      ],
    },
  ],
  [
    'postback data too long',
    {
      ...base,
      messages: [
        {
          type: 'template',
          altText: 'a',
          template: { type: 'confirm', text: 't', actions: [{ ...postback, data: 'x'.repeat(301) }, message] },
        },
      ],
    },
  ],
  [
    'template without altText',
    { ...base, messages: [{ type: 'template', template: { type: 'confirm', text: 't', actions: [message, message] } }] },
  ],
  ['flex without contents', { ...base, messages: [{ type: 'flex', altText: 'a' }] }],
  [
    'flex box with an unknown layout',
    {
      ...base,
      messages: [{ type: 'flex', altText: 'a', contents: { type: 'bubble', body: { type: 'box', layout: 'diagonal', contents: [] } } }],
    },
  ],
  ['notificationDisabled not boolean', { ...base, messages: five, notificationDisabled: 'yes' }],
];

export const REQUEST_EXAMPLES: Record<string, RequestExamples> = {
  'POST /v2/bot/message/reply': {
    valid: [
      { replyToken: 'a'.repeat(32), messages: five },
      { replyToken: 'b'.repeat(32), messages: VALID_MESSAGES.slice(10, 15), notificationDisabled: true },
    ],
    invalid: [['no reply token', { messages: five }], ...messageBodyInvalid({ replyToken: 'a'.repeat(32) })],
  },
  'POST /v2/bot/message/push': {
    valid: [
      { to: user(1), messages: five },
      { to: user(1), messages: VALID_MESSAGES.slice(5, 10), customAggregationUnits: ['promotion_a'] },
      { to: user(1), messages: VALID_MESSAGES.slice(10, 15), notificationDisabled: true },
      { to: user(1), messages: VALID_MESSAGES.slice(15) },
    ],
    invalid: [['no recipient', { messages: five }], ...messageBodyInvalid({ to: user(1) })],
  },
  'POST /v2/bot/message/multicast': {
    valid: [
      { to: [user(1), user(2)], messages: five },
      { to: Array.from({ length: 500 }, (_, i) => user(i + 1)), messages: [VALID_MESSAGES[0]], customAggregationUnits: ['unit_1'] },
    ],
    invalid: [
      ['no recipients', { to: [], messages: five }],
      ['501 recipients', { to: Array.from({ length: 501 }, (_, i) => user(i + 1)), messages: five }],
      ['two aggregation units', { to: [user(1)], messages: five, customAggregationUnits: ['a', 'b'] }],
      ['aggregation unit with a hyphen', { to: [user(1)], messages: five, customAggregationUnits: ['bad-unit'] }],
      ['aggregation unit too long', { to: [user(1)], messages: five, customAggregationUnits: ['a'.repeat(31)] }],
      ...messageBodyInvalid({ to: [user(1)] }),
    ],
  },
  'POST /v2/bot/message/narrowcast': {
    valid: [
      { messages: five },
      {
        messages: [VALID_MESSAGES[0]],
        recipient: { type: 'operator', and: [{ type: 'redelivery', requestId: 'req-1' }], not: { type: 'redelivery', requestId: 'req-2' } },
        filter: {
          demographic: {
            type: 'operator',
            or: [
              { type: 'age', gte: 'age_20', lt: 'age_40' },
              { type: 'gender', oneOf: ['female'] },
              { type: 'area', oneOf: ['jp_13', 'jp_14'] },
              { type: 'appType', oneOf: ['ios'] },
              { type: 'subscriptionPeriod', gte: 'day_7' },
            ],
          },
        },
        limit: { max: 100, upToRemainingQuota: true, forbidPartialDelivery: true },
        notificationDisabled: false,
      },
    ],
    invalid: [
      ['unknown recipient type', { messages: five, recipient: { type: 'everyone' } }],
      ['unknown demographic', { messages: five, filter: { demographic: { type: 'height', oneOf: ['tall'] } } }],
      ['age out of the enumeration', { messages: five, filter: { demographic: { type: 'age', gte: 'age_99' } } }],
      ['audience id not a number', { messages: five, recipient: { type: 'audience', audienceGroupId: 'abc' } }],
      ['limit max zero', { messages: five, limit: { max: 0 } }],
      ...messageBodyInvalid({}),
    ],
  },
  'POST /v2/bot/message/broadcast': {
    valid: [{ messages: five }, { messages: VALID_MESSAGES.slice(5, 10), notificationDisabled: true }],
    invalid: messageBodyInvalid({}),
  },
  // ValidateMessageRequest has no notificationDisabled, so any value there is officially allowed.
  'POST /v2/bot/message/validate/push': {
    valid: [{ messages: five }],
    invalid: messageBodyInvalid({}).filter(([why]) => !why.startsWith('notificationDisabled')),
  },
  'POST /v2/bot/richmenu': {
    valid: [
      {
        size: { width: 2500, height: 1686 },
        selected: true,
        name: 'メインメニュー',
        chatBarText: 'メニュー',
        areas: [
          { bounds: { x: 0, y: 0, width: 1250, height: 1686 }, action: postback },
          { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, action: uri },
          {
            bounds: { x: 1250, y: 843, width: 1250, height: 843 },
            action: { type: 'richmenuswitch', richMenuAliasId: 'tab-2', data: 'tab=2' },
          },
        ],
      },
    ],
    invalid: [
      [
        'chat bar text of 15 characters',
        { size: { width: 2500, height: 843 }, selected: false, name: 'n', chatBarText: 'あ'.repeat(15), areas: [] },
      ],
      [
        'name of 301 characters',
        { size: { width: 2500, height: 843 }, selected: false, name: 'n'.repeat(301), chatBarText: 'c', areas: [] },
      ],
      [
        'negative area x',
        {
          size: { width: 2500, height: 843 },
          selected: false,
          name: 'n',
          chatBarText: 'c',
          areas: [{ bounds: { x: -1, y: 0, width: 10, height: 10 }, action: uri }],
        },
      ],
      ['width zero', { size: { width: 0, height: 843 }, selected: false, name: 'n', chatBarText: 'c', areas: [] }],
      [
        'unknown action type',
        {
          size: { width: 2500, height: 843 },
          selected: false,
          name: 'n',
          chatBarText: 'c',
          areas: [{ bounds: { x: 0, y: 0, width: 10, height: 10 }, action: { type: 'teleport' } }],
        },
      ],
    ],
  },
  'POST /v2/bot/richmenu/alias': {
    valid: [{ richMenuAliasId: 'richmenu-alias-a', richMenuId: 'richmenu-88c05ef6921ae53f8b58a25f3a65faf7' }],
    invalid: [
      ['uppercase alias', { richMenuAliasId: 'Tab-A', richMenuId: 'richmenu-1' }],
      ['alias of 33 characters', { richMenuAliasId: 'a'.repeat(33), richMenuId: 'richmenu-1' }],
      ['no rich menu id', { richMenuAliasId: 'tab-a' }],
    ],
  },
  'POST /v2/bot/richmenu/alias/{richMenuAliasId}': { valid: [{ richMenuId: 'richmenu-1' }], invalid: [['no rich menu id', {}]] },
  'POST /v2/bot/richmenu/bulk/link': {
    valid: [{ richMenuId: 'richmenu-1', userIds: [user(1), user(2)] }],
    invalid: [
      ['501 users', { richMenuId: 'richmenu-1', userIds: Array.from({ length: 501 }, (_, i) => user(i + 1)) }],
      ['no users', { richMenuId: 'richmenu-1', userIds: [] }],
      ['no rich menu', { userIds: [user(1)] }],
    ],
  },
  'POST /v2/bot/richmenu/bulk/unlink': {
    valid: [{ userIds: [user(1)] }],
    invalid: [
      ['501 users', { userIds: Array.from({ length: 501 }, (_, i) => user(i + 1)) }],
      ['no users', {}],
    ],
  },
  'PUT /v2/bot/channel/webhook/endpoint': {
    valid: [{ endpoint: 'https://example.com/webhook' }],
    invalid: [
      ['no endpoint', {}],
      ['endpoint over 500 characters', { endpoint: `https://example.com/${'a'.repeat(500)}` }],
    ],
  },
  'POST /v2/bot/channel/webhook/test': {
    valid: [{}, { endpoint: 'https://example.com/webhook' }],
    invalid: [['endpoint over 500 characters', { endpoint: `https://example.com/${'a'.repeat(500)}` }]],
  },
};
