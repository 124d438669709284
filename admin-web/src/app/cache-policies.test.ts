import { InMemoryCache } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { DepartmentsDocument, LineWebhookEventsDocument } from '../gql/graphql';
import type { DepartmentsQuery, LineWebhookEventsQuery } from '../gql/graphql';
import { CONNECTION_FIELDS } from '../gql/connection-fields';
import { cacheTypePolicies, connectionTypePolicies, mergeTypePolicies } from './cache-policies';

function department(n: number) {
  const at = '2026-12-01T00:00:00.000Z';
  return {
    __typename: 'Department' as const,
    id: `d${String(n)}`,
    code: `c${String(n)}`,
    name: `部署${String(n)}`,
    staffCount: 0,
    createdAt: at,
    updatedAt: at,
  };
}

function departmentsPage(from: number, to: number, hasNextPage: boolean): DepartmentsQuery {
  const nodes = Array.from({ length: to - from + 1 }, (_, i) => department(from + i));
  return {
    departments: {
      edges: nodes.map((node) => ({ __typename: 'DepartmentEdge', cursor: `cursor-${node.id}`, node })),
      pageInfo: { hasNextPage, endCursor: `cursor-d${String(to)}` },
      totalCount: 4,
    },
  };
}

function webhookEvents(ids: string[], totalCount: number): LineWebhookEventsQuery {
  return {
    lineWebhookEvents: {
      edges: ids.map((id) => ({
        __typename: 'LineWebhookEventEdge',
        cursor: `cursor-${id}`,
        node: {
          __typename: 'LineWebhookEvent',
          id,
          type: 'follow',
          webhookEventId: `w-${id}`,
          status: 'FAILED',
          attempts: 1,
          redeliveries: 0,
          lastError: null,
          receivedAt: '2026-12-01T00:00:00.000Z',
          processedAt: null,
        },
      })),
      pageInfo: { hasNextPage: false, endCursor: ids.length ? `cursor-${ids.at(-1) ?? ''}` : null },
      totalCount,
    },
  };
}

describe('connection type policies', () => {
  it('covers every connection field the schema has, nested ones too', () => {
    const policies = connectionTypePolicies(CONNECTION_FIELDS);
    expect(Object.keys(policies['Query']?.fields ?? {})).toEqual(expect.arrayContaining(['staffUsers', 'departments', 'auditEvents']));
    expect(Object.keys(policies['Resident']?.fields ?? {})).toEqual(['talkLog']);
  });

  it('appends the next page of a list to the one already loaded ("load more")', () => {
    const cache = new InMemoryCache({ typePolicies: cacheTypePolicies });
    cache.writeQuery({ query: DepartmentsDocument, variables: { first: 2 }, data: departmentsPage(1, 2, true) });
    cache.writeQuery({ query: DepartmentsDocument, variables: { first: 2, after: 'cursor-d2' }, data: departmentsPage(3, 4, false) });
    const read = cache.readQuery({ query: DepartmentsDocument, variables: { first: 2 } });
    expect(read?.departments.edges.map((e) => e.node.id)).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(read?.departments.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps lists of different page sizes apart: a short first page does not cut a longer list', () => {
    const cache = new InMemoryCache({ typePolicies: cacheTypePolicies });
    cache.writeQuery({ query: DepartmentsDocument, variables: { first: 100 }, data: departmentsPage(1, 4, false) });
    cache.writeQuery({ query: DepartmentsDocument, variables: { first: 2 }, data: departmentsPage(1, 2, true) });
    const read = cache.readQuery({ query: DepartmentsDocument, variables: { first: 100 } });
    expect(read?.departments.edges.map((e) => e.node.id)).toEqual(['d1', 'd2', 'd3', 'd4']);
  });

  it('keeps lists of different filters apart', () => {
    const cache = new InMemoryCache({ typePolicies: cacheTypePolicies });
    const failed = { channelId: 'ch1', status: 'FAILED' as const };
    const processed = { channelId: 'ch1', status: 'PROCESSED' as const };
    cache.writeQuery({ query: LineWebhookEventsDocument, variables: { first: 50, filter: failed }, data: webhookEvents(['e1'], 1) });
    cache.writeQuery({ query: LineWebhookEventsDocument, variables: { first: 50, filter: processed }, data: webhookEvents(['e2'], 1) });
    const read = cache.readQuery({ query: LineWebhookEventsDocument, variables: { first: 50, filter: failed } });
    expect(read?.lineWebhookEvents.edges.map((e) => e.node.id)).toEqual(['e1']);
  });
});

describe('mergeTypePolicies', () => {
  it('keeps the field policies of both sides of a type', () => {
    const merged = mergeTypePolicies(
      { Resident: { fields: { talkLog: { keyArgs: false } } } },
      { Resident: { keyFields: ['id'], fields: {} } },
    );
    expect(merged['Resident']).toEqual({ keyFields: ['id'], fields: { talkLog: { keyArgs: false } } });
  });
});
