/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ResidentSignInInput = {
  idToken: string;
};

export type ResidentProfile_ResidentFragment = { id: string, displayName: string | null, pictureUrl: string | null, language: string };

export type ResidentSession_ResidentFragment = { id: string, displayName: string | null, language: string, pictureUrl: string | null };

export type ResidentSignInMutationVariables = Exact<{
  input: ResidentSignInInput;
}>;


export type ResidentSignInMutation = { residentSignIn: { resident: { id: string, displayName: string | null, language: string, pictureUrl: string | null } } };

export type ResidentSignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type ResidentSignOutMutation = { residentSignOut: boolean };

export type ResidentViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ResidentViewerQuery = { residentViewer: { id: string, displayName: string | null, language: string, pictureUrl: string | null } | null };

export const ResidentProfile_ResidentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]} as unknown as DocumentNode<ResidentProfile_ResidentFragment, unknown>;
export const ResidentSession_ResidentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentSession_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentProfile_resident"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]} as unknown as DocumentNode<ResidentSession_ResidentFragment, unknown>;
export const ResidentSignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResidentSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentSignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentSignIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentSession_resident"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentSession_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentProfile_resident"}}]}}]} as unknown as DocumentNode<ResidentSignInMutation, ResidentSignInMutationVariables>;
export const ResidentSignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResidentSignOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentSignOut"}}]}}]} as unknown as DocumentNode<ResidentSignOutMutation, ResidentSignOutMutationVariables>;
export const ResidentViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResidentViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentSession_resident"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentSession_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentProfile_resident"}}]}}]} as unknown as DocumentNode<ResidentViewerQuery, ResidentViewerQueryVariables>;