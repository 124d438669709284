import { skipToken, useQuery } from '@apollo/client/react';
import { useCan } from '../../../app/auth/viewer-context';
import { FormBuilderAttributesDocument } from '../../../gql/graphql';
import type { BuilderAttribute } from '../lib/attributes';

/** The resident attributes a field can be bound to, or an audience chosen by; none without attributes.read. */
export function useBuilderAttributes(): { attributes: BuilderAttribute[]; unavailable: boolean } {
  const can = useCan();
  const allowed = can('attributes.read');
  const { data, error } = useQuery(FormBuilderAttributesDocument, allowed ? {} : skipToken);
  return { attributes: data?.attributeDefinitions ?? [], unavailable: !allowed || error !== undefined };
}
