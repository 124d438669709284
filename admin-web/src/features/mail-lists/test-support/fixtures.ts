import { fileURLToPath } from 'node:url';
import type { MailListFieldsFragment, MailListMemberFieldsFragment } from '../../../gql/graphql';
import type { BrowserEntry } from '../../../shared/test-support/browser-page';
import type { Answered, GraphQLAnswer, GraphQLRequest } from '../../../shared/test-support/browser-protocol';

/** The mail lists' pages bundled for the browser tests. */
export const MAIL_LISTS_PAGES: BrowserEntry = {
  file: fileURLToPath(new URL('./browser-entry.tsx', import.meta.url)),
  origin: 'http://mail-lists.test',
  title: 'メール配信リスト',
  screenshotVariable: 'MAIL_LISTS_SCREENSHOT_DIR',
};

export function mailList(overrides: Partial<Answered<MailListFieldsFragment>> = {}): Answered<MailListFieldsFragment> {
  return {
    __typename: 'MailList',
    id: 'ml-1',
    name: '子育て情報メール',
    description: '子育て支援課から、健診・イベント・手当のお知らせをお届けします。',
    isPublic: true,
    active: true,
    departmentId: 'dep-1',
    subscriberCount: 1_240,
    pendingCount: 18,
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:30:00.000Z',
    ...overrides,
  };
}

export function member(
  overrides: Partial<Answered<MailListMemberFieldsFragment>> & { email?: string; maskedEmail?: string } = {},
): Answered<MailListMemberFieldsFragment> {
  const { email = 'taro@example.jp', maskedEmail = 't***@e***.jp', ...rest } = overrides;
  return {
    __typename: 'MailListMember',
    id: 'mm-1',
    status: 'CONFIRMED',
    confirmedAt: '2026-11-02T01:00:00.000Z',
    confirmedVia: 'LINK',
    createdAt: '2026-11-01T01:00:00.000Z',
    subscriber: { __typename: 'MailSubscriber', id: 'sub-1', maskedEmail, email },
    ...rest,
  };
}

export const MEMBERS = [
  member(),
  member({
    id: 'mm-2',
    status: 'PENDING',
    confirmedAt: null,
    confirmedVia: null,
    createdAt: '2026-12-02T03:00:00.000Z',
    email: 'hanako@example.jp',
    maskedEmail: 'h***@e***.jp',
    subscriber: { __typename: 'MailSubscriber', id: 'sub-2', maskedEmail: 'h***@e***.jp', email: 'hanako@example.jp' },
  }),
  member({
    id: 'mm-3',
    confirmedVia: 'STAFF_CONSENT',
    subscriber: { __typename: 'MailSubscriber', id: 'sub-3', maskedEmail: 'j***@e***.jp', email: 'jiro@example.jp' },
  }),
];

export function connection<N extends { id: string }>(type: string, nodes: N[]) {
  return {
    __typename: `${type}Connection`,
    edges: nodes.map((node) => ({ __typename: `${type}Edge`, cursor: node.id, node })),
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
    totalCount: nodes.length,
  };
}

/** A subscriber as the server answers it: the address only when the query asked for it (read_personal). */
function shown(m: Answered<MailListMemberFieldsFragment>, withEmail: boolean) {
  const { email, ...subscriber } = m.subscriber;
  return { ...m, subscriber: withEmail ? { ...subscriber, email } : subscriber };
}

export type Handler = (request: GraphQLRequest) => GraphQLAnswer;

/** A small server for the mail list pages: lists and members the mutations change; `handlers` are tried first. */
export function fakeMailListServer(
  initial: Answered<MailListFieldsFragment>[] = [mailList()],
  members: Answered<MailListMemberFieldsFragment>[] = MEMBERS,
  handlers: Record<string, Handler> = {},
) {
  const lists = new Map(initial.map((l) => [l.id, l] as const));
  let current = [...members];
  const answer = (request: GraphQLRequest): GraphQLAnswer => {
    const handler = handlers[request.operationName];
    if (handler) return handler(request);
    const v = request.variables;
    switch (request.operationName) {
      case 'MailLists':
        return { data: { mailLists: connection('MailList', [...lists.values()]) } };
      case 'MailList': {
        const found = lists.get(v['id'] as string);
        return found
          ? { data: { mailList: found } }
          : { errors: [{ message: 'メール配信リストが見つかりません。', extensions: { code: 'NOT_FOUND' } }] };
      }
      case 'MailListSubscribers': {
        const status = v['status'] as string | null;
        const nodes = current.filter((m) => !status || m.status === status).map((m) => shown(m, v['withEmail'] === true));
        return { data: { mailListSubscribers: connection('MailListMember', nodes) } };
      }
      case 'CreateMailList': {
        const input = v['input'] as Record<string, unknown>;
        const created = mailList({
          id: 'ml-new',
          name: input['name'] as string,
          description: (input['description'] as string | null) ?? null,
          isPublic: input['isPublic'] as boolean,
          active: input['active'] as boolean,
          subscriberCount: 0,
          pendingCount: 0,
        });
        lists.set(created.id, created);
        return { data: { createMailList: { __typename: 'MailListPayload', mailList: created } } };
      }
      case 'UpdateMailList': {
        const id = v['id'] as string;
        const input = v['input'] as Record<string, unknown>;
        const next = { ...lists.get(id)!, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) };
        lists.set(id, next);
        return { data: { updateMailList: { __typename: 'MailListPayload', mailList: next } } };
      }
      case 'DeleteMailList':
        lists.delete(v['id'] as string);
        return { data: { deleteMailList: { __typename: 'DeleteMailListPayload', deletedId: v['id'] } } };
      case 'RemoveMailListSubscriber':
        current = current.filter((m) => m.subscriber.id !== v['subscriberId']);
        return {
          data: {
            removeMailListSubscriber: {
              __typename: 'RemoveMailListSubscriberPayload',
              listId: v['listId'],
              subscriberId: v['subscriberId'],
            },
          },
        };
      default:
        return { errors: [{ message: `unexpected ${request.operationName}`, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    }
  };
  return { answer, lists };
}
