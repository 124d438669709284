/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}": typeof types.ResidentProfile_ResidentFragmentDoc,
    "fragment ResidentSession_resident on ResidentViewer {\n  id\n  displayName\n  language\n  ...ResidentProfile_resident\n}": typeof types.ResidentSession_ResidentFragmentDoc,
    "mutation ResidentSignIn($input: ResidentSignInInput!) {\n  residentSignIn(input: $input) {\n    resident {\n      ...ResidentSession_resident\n    }\n  }\n}": typeof types.ResidentSignInDocument,
    "mutation ResidentSignOut {\n  residentSignOut\n}": typeof types.ResidentSignOutDocument,
    "query ResidentViewer {\n  residentViewer {\n    ...ResidentSession_resident\n  }\n}": typeof types.ResidentViewerDocument,
};
const documents: Documents = {
    "fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}": types.ResidentProfile_ResidentFragmentDoc,
    "fragment ResidentSession_resident on ResidentViewer {\n  id\n  displayName\n  language\n  ...ResidentProfile_resident\n}": types.ResidentSession_ResidentFragmentDoc,
    "mutation ResidentSignIn($input: ResidentSignInInput!) {\n  residentSignIn(input: $input) {\n    resident {\n      ...ResidentSession_resident\n    }\n  }\n}": types.ResidentSignInDocument,
    "mutation ResidentSignOut {\n  residentSignOut\n}": types.ResidentSignOutDocument,
    "query ResidentViewer {\n  residentViewer {\n    ...ResidentSession_resident\n  }\n}": types.ResidentViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}"): (typeof documents)["fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ResidentSession_resident on ResidentViewer {\n  id\n  displayName\n  language\n  ...ResidentProfile_resident\n}"): (typeof documents)["fragment ResidentSession_resident on ResidentViewer {\n  id\n  displayName\n  language\n  ...ResidentProfile_resident\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResidentSignIn($input: ResidentSignInInput!) {\n  residentSignIn(input: $input) {\n    resident {\n      ...ResidentSession_resident\n    }\n  }\n}"): (typeof documents)["mutation ResidentSignIn($input: ResidentSignInInput!) {\n  residentSignIn(input: $input) {\n    resident {\n      ...ResidentSession_resident\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResidentSignOut {\n  residentSignOut\n}"): (typeof documents)["mutation ResidentSignOut {\n  residentSignOut\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResidentViewer {\n  residentViewer {\n    ...ResidentSession_resident\n  }\n}"): (typeof documents)["query ResidentViewer {\n  residentViewer {\n    ...ResidentSession_resident\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;