/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AttributeKind =
  /** 地域（階層） */
  | 'AREA'
  /** 同意 */
  | 'CONSENT'
  /** 日付 */
  | 'DATE'
  /** 日付（複数） */
  | 'DATE_LIST'
  /** 複数選択 */
  | 'MULTIPLE_CHOICE'
  /** 数値 */
  | 'NUMBER'
  /** 単一選択 */
  | 'SINGLE_CHOICE'
  /** 自由記述 */
  | 'TEXT'
  /** はい／いいえ */
  | 'YES_NO';

/** one attribute value; set the field of its kind, leave all empty to clear */
export type AttributeValueInput = {
  attributeKey: string;
  /** date kinds: 'YYYY-MM-DD' (one for a date) */
  dates?: Array<string> | null | undefined;
  /** yes/no and consent */
  flag?: boolean | null | undefined;
  number?: number | null | undefined;
  /** choice and area kinds: option keys (one for single choice and area) */
  optionKeys?: Array<string> | null | undefined;
  text?: string | null | undefined;
};

export type FormAccess =
  | 'BROWSER_ALLOWED'
  | 'LINE_REQUIRED';

export type FormAnswerPolicy =
  | 'ONCE'
  | 'OVERWRITE'
  | 'REPEAT';

export type FormKind =
  | 'APPLICATION'
  | 'PUBLIC_COMMENT'
  | 'REGISTRATION'
  | 'SURVEY';

export type PublicCommentStatus =
  | 'CLOSED'
  | 'DRAFT'
  | 'OPEN'
  | 'RESULT_PUBLISHED'
  | 'SCHEDULED';

export type ResidentSignInInput = {
  idToken: string;
};

export type SubmissionStatus =
  | 'COMPLETED'
  | 'RECEIVED'
  | 'REJECTED'
  | 'RETURNED'
  | 'REVIEWING';

export type SubmitFormInput = {
  answers: unknown;
  contactEmail?: string | null | undefined;
  formId: string | number;
  /** browser residents: the uploadToken POST /media/uploads answered, so their file answers can be attached */
  uploadToken?: string | null | undefined;
  versionId: string | number;
  /** the `via` parameter of the form link the resident opened (a delivery run's signed reference); one that is not valid is ignored */
  via?: string | null | undefined;
};

export type MyFormAnswersQueryVariables = Exact<{
  formId: string | number;
}>;


export type MyFormAnswersQuery = { residentForm: { id: string, title: string, kind: FormKind, answerPolicy: FormAnswerPolicy, availability: { open: boolean, code: string | null } }, myFormSubmissions: Array<{ id: string, receiptNumber: string, formId: string, formTitle: string, status: SubmissionStatus, submittedAt: string, answers: Array<{ fieldId: string, label: string, type: string, text: string, masked: boolean }>, messages: Array<{ id: string, body: string, sentAt: string, byName: string | null }> }> };

export type MySubmission_FieldsFragment = { id: string, receiptNumber: string, formId: string, formTitle: string, status: SubmissionStatus, submittedAt: string, answers: Array<{ fieldId: string, label: string, type: string, text: string, masked: boolean }>, messages: Array<{ id: string, body: string, sentAt: string, byName: string | null }> };

export type MySubmissionQueryVariables = Exact<{
  id: string | number;
  accessKey?: string | null | undefined;
}>;


export type MySubmissionQuery = { mySubmission: { id: string, receiptNumber: string, formId: string, formTitle: string, status: SubmissionStatus, submittedAt: string, answers: Array<{ fieldId: string, label: string, type: string, text: string, masked: boolean }>, messages: Array<{ id: string, body: string, sentAt: string, byName: string | null }> } };

export type ResidentFormQueryVariables = Exact<{
  id: string | number;
}>;


export type ResidentFormQuery = { residentForm: { id: string, title: string, description: string | null, kind: FormKind, versionId: string, definition: unknown, access: FormAccess, answerPolicy: FormAnswerPolicy, opensAt: string | null, closesAt: string | null, prefill: unknown, askContactEmail: boolean, thankYouMessage: string | null, availability: { open: boolean, reason: string | null, code: string | null }, draft: { answers: unknown, pageId: string | null, savedAt: string } | null } };

export type SaveFormDraftMutationVariables = Exact<{
  formId: string | number;
  answers: unknown;
  pageId?: string | null | undefined;
}>;


export type SaveFormDraftMutation = { saveFormDraft: { savedAt: string } };

export type SubmitFormMutationVariables = Exact<{
  input: SubmitFormInput;
}>;


export type SubmitFormMutation = { submitForm: { submissionId: string, receiptNumber: string, thankYouMessage: string | null, accessKey: string | null } };

export type OpenTrackedLinkMutationVariables = Exact<{
  token: string;
}>;


export type OpenTrackedLinkMutation = { openTrackedLink: { url: string, identified: boolean } };

export type ResidentProfile_ResidentFragment = { id: string, displayName: string | null, pictureUrl: string | null, language: string };

export type PublicCommentResultQueryVariables = Exact<{
  procedureId: string | number;
}>;


export type PublicCommentResultQuery = { publicCommentResult: { procedureId: string, title: string, departmentName: string | null, opensAt: string, closesAt: string, publishedAt: string | null, introduction: string | null, totalOpinions: number, csvPath: string, groups: Array<{ number: number, title: string, summary: string, response: string, count: number }> } };

export type PublishedPublicCommentFieldsFragment = { id: string, title: string, summary: string, departmentName: string | null, opensAt: string, closesAt: string, status: PublicCommentStatus, acceptingOpinions: boolean, resultPublishedAt: string | null };

export type PublishedPublicCommentQueryVariables = Exact<{
  id: string | number;
}>;


export type PublishedPublicCommentQuery = { publishedPublicComment: { body: string, formPath: string, id: string, title: string, summary: string, departmentName: string | null, opensAt: string, closesAt: string, status: PublicCommentStatus, acceptingOpinions: boolean, resultPublishedAt: string | null, documents: Array<{ id: string, title: string, url: string, contentType: string, byteSize: number }> } };

export type PublishedPublicCommentsQueryVariables = Exact<{ [key: string]: never; }>;


export type PublishedPublicCommentsQuery = { publishedPublicComments: Array<{ id: string, title: string, summary: string, departmentName: string | null, opensAt: string, closesAt: string, status: PublicCommentStatus, acceptingOpinions: boolean, resultPublishedAt: string | null }> };

export type ResidentSession_ResidentFragment = { id: string, displayName: string | null, language: string, pictureUrl: string | null };

export type ResidentSignInMutationVariables = Exact<{
  input: ResidentSignInInput;
}>;


export type ResidentSignInMutation = { residentSignIn: { resident: { id: string, displayName: string | null, language: string, pictureUrl: string | null } } };

export type ResidentSignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type ResidentSignOutMutation = { residentSignOut: boolean };

export type ResidentViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ResidentViewerQuery = { residentViewer: { id: string, displayName: string | null, language: string, pictureUrl: string | null } | null };

export type MyAttributesFieldsFragment = { fields: Array<{ key: string, label: string, kind: AttributeKind, helpText: string | null, numberMin: number | null, numberMax: number | null, numberInteger: boolean, options: Array<{ key: string, label: string, parentKey: string | null, retired: boolean }> }>, values: Array<{ attributeKey: string, optionKeys: Array<string> | null, dates: Array<string> | null, number: number | null, text: string | null, flag: boolean | null }> };

export type MyAttributesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAttributesQuery = { myAttributes: { fields: Array<{ key: string, label: string, kind: AttributeKind, helpText: string | null, numberMin: number | null, numberMax: number | null, numberInteger: boolean, options: Array<{ key: string, label: string, parentKey: string | null, retired: boolean }> }>, values: Array<{ attributeKey: string, optionKeys: Array<string> | null, dates: Array<string> | null, number: number | null, text: string | null, flag: boolean | null }> } };

export type UpdateMyAttributesMutationVariables = Exact<{
  values: Array<AttributeValueInput> | AttributeValueInput;
}>;


export type UpdateMyAttributesMutation = { updateMyAttributes: { fields: Array<{ key: string, label: string, kind: AttributeKind, helpText: string | null, numberMin: number | null, numberMax: number | null, numberInteger: boolean, options: Array<{ key: string, label: string, parentKey: string | null, retired: boolean }> }>, values: Array<{ attributeKey: string, optionKeys: Array<string> | null, dates: Array<string> | null, number: number | null, text: string | null, flag: boolean | null }> } };

export const MySubmission_FieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MySubmission_fields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MySubmission"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"formId"}},{"kind":"Field","name":{"kind":"Name","value":"formTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"masked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"byName"}}]}}]}}]} as unknown as DocumentNode<MySubmission_FieldsFragment, unknown>;
export const PublishedPublicCommentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PublishedPublicCommentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PublishedPublicComment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingOpinions"}},{"kind":"Field","name":{"kind":"Name","value":"resultPublishedAt"}}]}}]} as unknown as DocumentNode<PublishedPublicCommentFieldsFragment, unknown>;
export const ResidentProfile_ResidentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]} as unknown as DocumentNode<ResidentProfile_ResidentFragment, unknown>;
export const ResidentSession_ResidentFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentSession_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentProfile_resident"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]} as unknown as DocumentNode<ResidentSession_ResidentFragment, unknown>;
export const MyAttributesFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyAttributesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MyAttributes"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"helpText"}},{"kind":"Field","name":{"kind":"Name","value":"numberMin"}},{"kind":"Field","name":{"kind":"Name","value":"numberMax"}},{"kind":"Field","name":{"kind":"Name","value":"numberInteger"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"parentKey"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributeKey"}},{"kind":"Field","name":{"kind":"Name","value":"optionKeys"}},{"kind":"Field","name":{"kind":"Name","value":"dates"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"flag"}}]}}]}}]} as unknown as DocumentNode<MyAttributesFieldsFragment, unknown>;
export const MyFormAnswersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyFormAnswers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"formId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentForm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"formId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"answerPolicy"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myFormSubmissions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"formId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"formId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MySubmission_fields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MySubmission_fields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MySubmission"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"formId"}},{"kind":"Field","name":{"kind":"Name","value":"formTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"masked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"byName"}}]}}]}}]} as unknown as DocumentNode<MyFormAnswersQuery, MyFormAnswersQueryVariables>;
export const MySubmissionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySubmission"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accessKey"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mySubmission"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"accessKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accessKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MySubmission_fields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MySubmission_fields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MySubmission"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"formId"}},{"kind":"Field","name":{"kind":"Name","value":"formTitle"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldId"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"masked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"byName"}}]}}]}}]} as unknown as DocumentNode<MySubmissionQuery, MySubmissionQueryVariables>;
export const ResidentFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResidentForm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentForm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"versionId"}},{"kind":"Field","name":{"kind":"Name","value":"definition"}},{"kind":"Field","name":{"kind":"Name","value":"access"}},{"kind":"Field","name":{"kind":"Name","value":"answerPolicy"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"open"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"prefill"}},{"kind":"Field","name":{"kind":"Name","value":"draft"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answers"}},{"kind":"Field","name":{"kind":"Name","value":"pageId"}},{"kind":"Field","name":{"kind":"Name","value":"savedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"askContactEmail"}},{"kind":"Field","name":{"kind":"Name","value":"thankYouMessage"}}]}}]}}]} as unknown as DocumentNode<ResidentFormQuery, ResidentFormQueryVariables>;
export const SaveFormDraftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveFormDraft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"formId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"answers"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSONObject"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pageId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveFormDraft"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"formId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"formId"}}},{"kind":"Argument","name":{"kind":"Name","value":"answers"},"value":{"kind":"Variable","name":{"kind":"Name","value":"answers"}}},{"kind":"Argument","name":{"kind":"Name","value":"pageId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pageId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savedAt"}}]}}]}}]} as unknown as DocumentNode<SaveFormDraftMutation, SaveFormDraftMutationVariables>;
export const SubmitFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitForm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitFormInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitForm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submissionId"}},{"kind":"Field","name":{"kind":"Name","value":"receiptNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thankYouMessage"}},{"kind":"Field","name":{"kind":"Name","value":"accessKey"}}]}}]}}]} as unknown as DocumentNode<SubmitFormMutation, SubmitFormMutationVariables>;
export const OpenTrackedLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenTrackedLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openTrackedLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"identified"}}]}}]}}]} as unknown as DocumentNode<OpenTrackedLinkMutation, OpenTrackedLinkMutationVariables>;
export const PublicCommentResultDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublicCommentResult"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"procedureId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicCommentResult"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"procedureId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"procedureId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"procedureId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"introduction"}},{"kind":"Field","name":{"kind":"Name","value":"totalOpinions"}},{"kind":"Field","name":{"kind":"Name","value":"csvPath"}},{"kind":"Field","name":{"kind":"Name","value":"groups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"response"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<PublicCommentResultQuery, PublicCommentResultQueryVariables>;
export const PublishedPublicCommentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublishedPublicComment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishedPublicComment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublishedPublicCommentFields"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"formPath"}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"byteSize"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PublishedPublicCommentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PublishedPublicComment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingOpinions"}},{"kind":"Field","name":{"kind":"Name","value":"resultPublishedAt"}}]}}]} as unknown as DocumentNode<PublishedPublicCommentQuery, PublishedPublicCommentQueryVariables>;
export const PublishedPublicCommentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublishedPublicComments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishedPublicComments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublishedPublicCommentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PublishedPublicCommentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PublishedPublicComment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"departmentName"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acceptingOpinions"}},{"kind":"Field","name":{"kind":"Name","value":"resultPublishedAt"}}]}}]} as unknown as DocumentNode<PublishedPublicCommentsQuery, PublishedPublicCommentsQueryVariables>;
export const ResidentSignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResidentSignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentSignInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentSignIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentSession_resident"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentSession_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentProfile_resident"}}]}}]} as unknown as DocumentNode<ResidentSignInMutation, ResidentSignInMutationVariables>;
export const ResidentSignOutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResidentSignOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentSignOut"}}]}}]} as unknown as DocumentNode<ResidentSignOutMutation, ResidentSignOutMutationVariables>;
export const ResidentViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResidentViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"residentViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentSession_resident"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentProfile_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"pictureUrl"}},{"kind":"Field","name":{"kind":"Name","value":"language"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ResidentSession_resident"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResidentViewer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ResidentProfile_resident"}}]}}]} as unknown as DocumentNode<ResidentViewerQuery, ResidentViewerQueryVariables>;
export const MyAttributesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyAttributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myAttributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MyAttributesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyAttributesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MyAttributes"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"helpText"}},{"kind":"Field","name":{"kind":"Name","value":"numberMin"}},{"kind":"Field","name":{"kind":"Name","value":"numberMax"}},{"kind":"Field","name":{"kind":"Name","value":"numberInteger"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"parentKey"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributeKey"}},{"kind":"Field","name":{"kind":"Name","value":"optionKeys"}},{"kind":"Field","name":{"kind":"Name","value":"dates"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"flag"}}]}}]}}]} as unknown as DocumentNode<MyAttributesQuery, MyAttributesQueryVariables>;
export const UpdateMyAttributesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateMyAttributes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"values"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttributeValueInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMyAttributes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"values"},"value":{"kind":"Variable","name":{"kind":"Name","value":"values"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MyAttributesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MyAttributesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MyAttributes"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"helpText"}},{"kind":"Field","name":{"kind":"Name","value":"numberMin"}},{"kind":"Field","name":{"kind":"Name","value":"numberMax"}},{"kind":"Field","name":{"kind":"Name","value":"numberInteger"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"parentKey"}},{"kind":"Field","name":{"kind":"Name","value":"retired"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attributeKey"}},{"kind":"Field","name":{"kind":"Name","value":"optionKeys"}},{"kind":"Field","name":{"kind":"Name","value":"dates"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"flag"}}]}}]}}]} as unknown as DocumentNode<UpdateMyAttributesMutation, UpdateMyAttributesMutationVariables>;