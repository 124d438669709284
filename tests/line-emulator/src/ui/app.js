// Phones UI: pick a simulated resident and use LINE as them. Everything goes through the
// emulator's control API (/_emulator/...), so what a person does here is exactly what tests do.

const api = async (path, body, method) => {
  const response = await fetch(`/_emulator${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.message ?? `HTTP ${response.status}`);
  return data;
};

const elements = {
  channelSelect: document.getElementById('channel-select'),
  friendList: document.getElementById('friend-list'),
  addFriend: document.getElementById('add-friend'),
  phone: document.getElementById('phone'),
  empty: document.getElementById('empty'),
  title: document.getElementById('phone-title'),
  status: document.getElementById('friend-status'),
  toggleFollow: document.getElementById('toggle-follow'),
  chat: document.getElementById('chat'),
  richMenu: document.getElementById('rich-menu'),
  richMenuPanel: document.getElementById('rich-menu-panel'),
  richMenuImage: document.getElementById('rich-menu-image'),
  richMenuAreas: document.getElementById('rich-menu-areas'),
  chatBar: document.getElementById('chat-bar'),
  composer: document.getElementById('composer'),
  input: document.getElementById('message-input'),
  notice: document.getElementById('notice'),
  idTokenLabel: document.getElementById('id-token-label'),
  idToken: document.getElementById('id-token'),
};

const params = new URLSearchParams(location.search);
const state = { channelId: params.get('channel'), userId: params.get('friend'), friend: null, lastChatLength: -1 };

const say = (text) => {
  elements.notice.textContent = text;
};

const time = (at) => new Date(at).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function updateUrl() {
  const query = new URLSearchParams();
  if (state.channelId) query.set('channel', state.channelId);
  if (state.userId) query.set('friend', state.userId);
  history.replaceState(null, '', `?${query}`);
}

async function perform(action, messageId) {
  try {
    const result = await api(`/channels/${state.channelId}/friends/${state.userId}/actions`, { action, messageId });
    if (result.open) {
      window.open(result.open, '_blank', 'noopener');
      say(`リンクを開きました: ${result.open}`);
    } else if (result.performed === 'clipboard') {
      await navigator.clipboard?.writeText(result.text).catch(() => undefined);
      say('コピーしました');
    }
  } catch (error) {
    say(`操作できませんでした: ${error.message}`);
  }
}

function actionButton(action, messageId) {
  const label = action.label ?? action.text ?? action.uri ?? action.data ?? action.type;
  return element('button', { type: 'button', onclick: () => perform(action, messageId) }, label);
}

/** Texts and buttons of a Flex component tree, in reading order. */
function flexParts(component, messageId, parts = []) {
  if (!component || typeof component !== 'object') return parts;
  if (component.type === 'text')
    parts.push(element('div', {}, component.text ?? (component.contents ?? []).map((span) => span.text).join('')));
  else if (component.type === 'button') parts.push(actionButton(component.action, messageId));
  else if (component.type === 'image') parts.push(element('div', { class: 'kind' }, '［画像］'));
  for (const key of ['header', 'hero', 'body', 'footer']) if (component[key]) flexParts(component[key], messageId, parts);
  if (Array.isArray(component.contents) && component.type !== 'text')
    for (const child of component.contents) flexParts(child, messageId, parts);
  return parts;
}

function card(kind, title, bodyParts, buttons) {
  return element(
    'div',
    { class: 'card' },
    element(
      'div',
      { class: 'card-body' },
      element('div', { class: 'kind' }, kind),
      title ? element('div', { class: 'card-title' }, title) : null,
      ...bodyParts,
    ),
    ...buttons,
  );
}

function renderMessage(message, messageId) {
  switch (message.type) {
    case 'text':
      return element('div', { class: 'bubble' }, message.text);
    case 'textV2':
      return element(
        'div',
        { class: 'bubble' },
        message.text.replace(/\{(\w+)\}/g, (_, key) => {
          const substitution = message.substitution?.[key];
          if (substitution?.type === 'mention') return substitution.mentionee.type === 'all' ? '@All' : '@ユーザー';
          return substitution ? '(絵文字)' : `{${key}}`;
        }),
      );
    case 'sticker':
      return element(
        'div',
        { class: 'media', role: 'img', 'aria-label': 'スタンプ' },
        `スタンプ ${message.packageId}/${message.stickerId}`,
      );
    case 'image':
      return element('div', { class: 'media', role: 'img', 'aria-label': '画像' }, '［画像］');
    case 'video':
      return element('div', { class: 'media' }, '［動画］');
    case 'audio':
      return element('div', { class: 'media' }, '［音声］');
    case 'location':
      return card('位置情報', message.title, [element('div', {}, message.address)], []);
    case 'imagemap':
      return card(
        'イメージマップ',
        message.altText,
        [],
        (message.actions ?? [])
          .filter((action) => action.type === 'uri')
          .map((action) => actionButton({ type: 'uri', uri: action.linkUri, label: action.label ?? action.linkUri }, messageId)),
      );
    case 'template': {
      const template = message.template;
      if (template.type === 'carousel' || template.type === 'image_carousel')
        return element(
          'div',
          {},
          ...template.columns.map((column) =>
            card(
              'カルーセル',
              column.title,
              column.text ? [element('div', {}, column.text)] : [],
              (column.actions ?? [column.action]).map((action) => actionButton(action, messageId)),
            ),
          ),
        );
      return card(
        template.type === 'confirm' ? '確認' : 'ボタン',
        template.title,
        [element('div', {}, template.text)],
        template.actions.map((action) => actionButton(action, messageId)),
      );
    }
    case 'flex': {
      const bubbles = message.contents.type === 'carousel' ? message.contents.contents : [message.contents];
      return element('div', {}, ...bubbles.map((bubble) => card(message.altText, null, flexParts(bubble, messageId), [])));
    }
    case 'postback':
      return element('div', { class: 'bubble' }, message.displayText ?? `（ポストバック: ${message.data}）`);
    default:
      return element('div', { class: 'bubble' }, `［${message.type}］`);
  }
}

function renderChat(chat) {
  // Postback display texts are stored with the postback itself; skip nothing, show everything.
  elements.chat.replaceChildren(
    ...chat.map((entry) =>
      element(
        'li',
        { class: entry.direction },
        renderMessage(entry.message, entry.id),
        element('span', { class: 'meta' }, `${time(entry.at)}${entry.delivery ? `・${entry.delivery.kind}` : ''}`),
      ),
    ),
  );
  if (chat.length !== state.lastChatLength) elements.chat.scrollTop = elements.chat.scrollHeight;
  state.lastChatLength = chat.length;
}

function renderRichMenu(menu) {
  if (!menu || !menu.imageUrl) {
    elements.richMenu.hidden = true;
    return;
  }
  elements.richMenu.hidden = false;
  elements.richMenuImage.src = menu.imageUrl;
  elements.richMenuImage.alt = `リッチメニュー「${menu.name}」`;
  elements.chatBar.textContent = `${menu.chatBarText} ▾`;
  elements.richMenuAreas.replaceChildren(
    ...menu.areas.map((area, index) => {
      const { x, y, width, height } = area.bounds;
      const label = area.action.label ?? area.action.displayText ?? area.action.text ?? area.action.data ?? `エリア${index + 1}`;
      return element(
        'button',
        {
          type: 'button',
          'aria-label': label,
          title: label,
          style: `left:${(x / menu.size.width) * 100}%;top:${(y / menu.size.height) * 100}%;width:${(width / menu.size.width) * 100}%;height:${(height / menu.size.height) * 100}%`,
          onclick: async () => {
            try {
              const result = await api(`/channels/${state.channelId}/friends/${state.userId}/richmenu/tap`, { areaIndex: index });
              if (result.open) window.open(result.open, '_blank', 'noopener');
              say(`「${label}」をタップしました`);
            } catch (error) {
              say(`タップできませんでした: ${error.message}`);
            }
          },
        },
        label,
      );
    }),
  );
}

async function loadChannels() {
  const { channels } = await api('/channels');
  elements.channelSelect.replaceChildren(
    ...channels.map((channel) => element('option', { value: channel.channelId }, `${channel.displayName}（${channel.channelId}）`)),
  );
  if (!state.channelId || !channels.some((channel) => channel.channelId === state.channelId))
    state.channelId = channels[0]?.channelId ?? null;
  if (state.channelId) elements.channelSelect.value = state.channelId;
}

async function loadFriends() {
  if (!state.channelId) return elements.friendList.replaceChildren();
  const { friends } = await api(`/channels/${state.channelId}/friends`);
  elements.friendList.replaceChildren(
    ...friends.map((friend) =>
      element(
        'li',
        {},
        element(
          'button',
          {
            type: 'button',
            'aria-current': String(friend.userId === state.userId),
            class: friend.status === 'blocked' ? 'blocked' : '',
            onclick: () => selectFriend(friend.userId),
          },
          element('span', {}, friend.displayName + (friend.status === 'blocked' ? '（ブロック中）' : '')),
          friend.unread > 0 ? element('span', { class: 'badge', 'aria-label': `未読${friend.unread}件` }, String(friend.unread)) : null,
        ),
      ),
    ),
  );
}

async function loadFriend() {
  if (!state.channelId || !state.userId) {
    elements.phone.hidden = true;
    elements.empty.hidden = false;
    return;
  }
  let view;
  try {
    view = await api(`/channels/${state.channelId}/friends/${state.userId}`);
  } catch {
    state.userId = null;
    return loadFriend();
  }
  state.friend = view.friend;
  elements.phone.hidden = false;
  elements.empty.hidden = true;
  elements.title.textContent = view.friend.displayName;
  const following = view.friend.status === 'following';
  elements.status.textContent = following ? '友だち' : 'ブロック中';
  elements.toggleFollow.textContent = following ? 'ブロックする' : 'ブロック解除';
  for (const control of elements.composer.elements) control.disabled = !following;
  renderChat(view.chat);
  renderRichMenu(view.richMenu);
  // Looking at the chat counts as seeing the messages (impressions in insight).
  if (view.friend.unread > 0) await api(`/channels/${state.channelId}/friends/${state.userId}/read`, {});
}

async function selectFriend(userId) {
  state.userId = userId;
  state.lastChatLength = -1;
  elements.idTokenLabel.hidden = true;
  updateUrl();
  await Promise.all([loadFriends(), loadFriend()]);
}

let refreshQueued = false;
function refreshSoon() {
  if (refreshQueued) return;
  refreshQueued = true;
  setTimeout(async () => {
    refreshQueued = false;
    await Promise.all([loadFriends(), loadFriend()]).catch(() => undefined);
  }, 100);
}

function listen() {
  const source = new EventSource(`/_emulator/events?channelId=${encodeURIComponent(state.channelId ?? '')}`);
  source.addEventListener('change', refreshSoon);
  return source;
}

let events;

elements.channelSelect.addEventListener('change', async () => {
  state.channelId = elements.channelSelect.value;
  state.userId = null;
  updateUrl();
  events?.close();
  events = listen();
  await Promise.all([loadFriends(), loadFriend()]);
});

elements.addFriend.addEventListener('click', async () => {
  if (!state.channelId) return;
  const { friends } = await api(`/channels/${state.channelId}/friends`, { count: 1 });
  await selectFriend(friends[0].userId);
});

elements.toggleFollow.addEventListener('click', async () => {
  const verb = state.friend?.status === 'following' ? 'block' : 'follow';
  await api(`/channels/${state.channelId}/friends/${state.userId}/${verb}`, {});
  say(verb === 'block' ? 'ブロックしました' : 'ブロックを解除しました');
  await Promise.all([loadFriends(), loadFriend()]);
});

elements.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = elements.input.value.trim();
  if (!text) return;
  await api(`/channels/${state.channelId}/friends/${state.userId}/messages`, { type: 'text', text });
  elements.input.value = '';
  await loadFriend();
});

const extraMessages = {
  sticker: { type: 'sticker', packageId: '446', stickerId: '1988' },
  image: { type: 'image', width: 320, height: 240 },
  location: { type: 'location', title: '現在地', address: '東京都千代田区霞が関1-1-1', latitude: 35.6764, longitude: 139.7503 },
};
for (const button of document.querySelectorAll('[data-send]'))
  button.addEventListener('click', async () => {
    await api(`/channels/${state.channelId}/friends/${state.userId}/messages`, extraMessages[button.dataset.send]);
    await loadFriend();
  });

elements.chatBar.addEventListener('click', () => {
  const open = elements.richMenuPanel.hidden;
  elements.richMenuPanel.hidden = !open;
  elements.chatBar.setAttribute('aria-expanded', String(open));
});

document.getElementById('mint-id-token').addEventListener('click', async () => {
  const { idToken } = await api(`/channels/${state.channelId}/friends/${state.userId}/id-token`, {});
  elements.idToken.value = idToken;
  elements.idTokenLabel.hidden = false;
  say('IDトークンを発行しました');
});

await loadChannels();
updateUrl();
events = listen();
await Promise.all([loadFriends(), loadFriend()]);
