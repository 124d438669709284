import type { Answered, GraphQLAnswer, GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { channels, clicks, deliveryDetail, deliveryListItem, estimate, segments } from './fixtures';
import type { DeliveryDetailFieldsFragment, DeliveryListFieldsFragment } from '../../../gql/graphql';

export type Handler = (request: GraphQLRequest) => GraphQLAnswer;

/** A refusal as the server formats it. */
export function refusal(message: string, extensions: Record<string, unknown>): GraphQLAnswer {
  return { errors: [{ message, extensions }] };
}

type Detail = Answered<DeliveryDetailFieldsFragment>;

function listItem(d: Detail): Answered<DeliveryListFieldsFragment> {
  return deliveryListItem({
    id: d.id,
    title: d.title,
    status: d.status,
    targetKind: d.targetKind,
    segmentIds: d.segmentIds,
    listSize: d.listSize,
    timing: d.timing,
    scheduledAt: d.scheduledAt,
    nextRunAt: d.nextRunAt,
    updatedAt: d.updatedAt,
    recurrencePreview: d.recurrencePreview,
    segments: (d.segments ?? []).map((s) => ({ __typename: 'Segment', id: s.id, name: s.name })),
    runs: d.runs.map((r) => ({
      __typename: 'DeliveryRun',
      id: r.id,
      kind: r.kind,
      status: r.status,
      createdAt: r.createdAt,
      completedAt: r.completedAt,
      progress: r.progress,
    })),
  });
}

/**
 * A small server for the delivery pages: deliveries that the mutations change, with the answers
 * a test needs to vary given as `handlers` (tried first). Operations it does not know are refused
 * loudly, so a test sees the page asking for something unexpected.
 */
export function fakeServer(initial: Detail[] = [deliveryDetail()], handlers: Record<string, Handler> = {}) {
  const deliveries = new Map(initial.map((d) => [d.id, d] as const));
  const update = (id: string, patch: Partial<Detail>): Detail => {
    const next = { ...deliveries.get(id)!, ...patch };
    deliveries.set(id, next);
    return next;
  };
  const answer = (request: GraphQLRequest): GraphQLAnswer => {
    const handler = handlers[request.operationName];
    if (handler) return handler(request);
    const id = request.variables['id'] as string;
    switch (request.operationName) {
      case 'Deliveries': {
        const nodes = [...deliveries.values()].map(listItem);
        return {
          data: {
            deliveries: {
              __typename: 'DeliveryConnection',
              edges: nodes.map((node) => ({ __typename: 'DeliveryEdge', cursor: node.id, node })),
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
              totalCount: nodes.length,
            },
          },
        };
      }
      case 'Delivery': {
        const found = deliveries.get(id);
        return found ? { data: { delivery: found } } : refusal('配信が見つかりません。', { code: 'NOT_FOUND' });
      }
      case 'DeliveryEstimate':
        return { data: estimate() };
      case 'DeliveryClicks':
        return { data: clicks(id) };
      case 'DeliveryChannels':
        return { data: channels };
      case 'DeliverySegments':
        return { data: segments };
      case 'CanRecordEngagement':
        return { data: { canRecordEngagement: true } };
      case 'DuplicateDelivery': {
        const copy = {
          ...deliveries.get(id)!,
          id: 'd-copy',
          title: `${deliveries.get(id)!.title}（コピー）`,
          status: 'DRAFT' as const,
          runs: [],
        };
        deliveries.set(copy.id, copy);
        return { data: { duplicateDelivery: { __typename: 'DeliveryPayload', delivery: listItem(copy) } } };
      }
      case 'DeleteDelivery':
        deliveries.delete(id);
        return { data: { deleteDelivery: { __typename: 'DeleteDeliveryPayload', deletedId: id } } };
      case 'UpdateDelivery': {
        const input = request.variables['input'] as Record<string, unknown>;
        const next = update(id, { title: input['title'] as string, variants: input['variants'] as unknown[], status: 'DRAFT' });
        return { data: { updateDelivery: { __typename: 'DeliveryPayload', delivery: next } } };
      }
      default:
        return refusal(`unexpected ${request.operationName}`, { code: 'INTERNAL_SERVER_ERROR' });
    }
  };
  return { answer, deliveries, update };
}
