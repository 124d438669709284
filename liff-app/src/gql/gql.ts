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
    "query MyFormAnswers($formId: ID!) {\n  residentForm(id: $formId) {\n    id\n    title\n    kind\n    answerPolicy\n    availability {\n      open\n      code\n    }\n  }\n  myFormSubmissions(formId: $formId) {\n    ...MySubmission_fields\n  }\n}": typeof types.MyFormAnswersDocument,
    "fragment MySubmission_fields on MySubmission {\n  id\n  receiptNumber\n  formId\n  formTitle\n  status\n  submittedAt\n  answers {\n    fieldId\n    label\n    type\n    text\n    masked\n  }\n  messages {\n    id\n    body\n    sentAt\n    byName\n  }\n}": typeof types.MySubmission_FieldsFragmentDoc,
    "query MySubmission($id: ID!, $accessKey: String) {\n  mySubmission(id: $id, accessKey: $accessKey) {\n    ...MySubmission_fields\n  }\n}": typeof types.MySubmissionDocument,
    "query ResidentForm($id: ID!) {\n  residentForm(id: $id) {\n    id\n    title\n    description\n    kind\n    versionId\n    definition\n    access\n    answerPolicy\n    opensAt\n    closesAt\n    availability {\n      open\n      reason\n      code\n    }\n    prefill\n    draft {\n      answers\n      pageId\n      savedAt\n    }\n    askContactEmail\n    thankYouMessage\n  }\n}": typeof types.ResidentFormDocument,
    "mutation SaveFormDraft($formId: ID!, $answers: JSONObject!, $pageId: String) {\n  saveFormDraft(formId: $formId, answers: $answers, pageId: $pageId) {\n    savedAt\n  }\n}": typeof types.SaveFormDraftDocument,
    "mutation SubmitForm($input: SubmitFormInput!) {\n  submitForm(input: $input) {\n    submissionId\n    receiptNumber\n    thankYouMessage\n    accessKey\n  }\n}": typeof types.SubmitFormDocument,
    "mutation OpenTrackedLink($token: String!) {\n  openTrackedLink(token: $token) {\n    url\n    identified\n  }\n}": typeof types.OpenTrackedLinkDocument,
    "fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}": typeof types.ResidentProfile_ResidentFragmentDoc,
    "query PublicCommentResult($procedureId: ID!) {\n  publicCommentResult(procedureId: $procedureId) {\n    procedureId\n    title\n    departmentName\n    opensAt\n    closesAt\n    publishedAt\n    introduction\n    totalOpinions\n    csvPath\n    groups {\n      number\n      title\n      summary\n      response\n      count\n    }\n  }\n}": typeof types.PublicCommentResultDocument,
    "fragment PublishedPublicCommentFields on PublishedPublicComment {\n  id\n  title\n  summary\n  departmentName\n  opensAt\n  closesAt\n  status\n  acceptingOpinions\n  resultPublishedAt\n}": typeof types.PublishedPublicCommentFieldsFragmentDoc,
    "query PublishedPublicComment($id: ID!) {\n  publishedPublicComment(id: $id) {\n    ...PublishedPublicCommentFields\n    body\n    formPath\n    documents {\n      id\n      title\n      url\n      contentType\n      byteSize\n    }\n  }\n}": typeof types.PublishedPublicCommentDocument,
    "query PublishedPublicComments {\n  publishedPublicComments {\n    ...PublishedPublicCommentFields\n  }\n}": typeof types.PublishedPublicCommentsDocument,
    "fragment ResidentSession_resident on ResidentViewer {\n  id\n  displayName\n  language\n  ...ResidentProfile_resident\n}": typeof types.ResidentSession_ResidentFragmentDoc,
    "mutation ResidentSignIn($input: ResidentSignInInput!) {\n  residentSignIn(input: $input) {\n    resident {\n      ...ResidentSession_resident\n    }\n  }\n}": typeof types.ResidentSignInDocument,
    "mutation ResidentSignOut {\n  residentSignOut\n}": typeof types.ResidentSignOutDocument,
    "query ResidentViewer {\n  residentViewer {\n    ...ResidentSession_resident\n  }\n}": typeof types.ResidentViewerDocument,
    "fragment MyAttributesFields on MyAttributes {\n  fields {\n    key\n    label\n    kind\n    helpText\n    numberMin\n    numberMax\n    numberInteger\n    options {\n      key\n      label\n      parentKey\n      retired\n    }\n  }\n  values {\n    attributeKey\n    optionKeys\n    dates\n    number\n    text\n    flag\n  }\n}": typeof types.MyAttributesFieldsFragmentDoc,
    "query MyAttributes {\n  myAttributes {\n    ...MyAttributesFields\n  }\n}": typeof types.MyAttributesDocument,
    "mutation UpdateMyAttributes($values: [AttributeValueInput!]!) {\n  updateMyAttributes(values: $values) {\n    ...MyAttributesFields\n  }\n}": typeof types.UpdateMyAttributesDocument,
};
const documents: Documents = {
    "query MyFormAnswers($formId: ID!) {\n  residentForm(id: $formId) {\n    id\n    title\n    kind\n    answerPolicy\n    availability {\n      open\n      code\n    }\n  }\n  myFormSubmissions(formId: $formId) {\n    ...MySubmission_fields\n  }\n}": types.MyFormAnswersDocument,
    "fragment MySubmission_fields on MySubmission {\n  id\n  receiptNumber\n  formId\n  formTitle\n  status\n  submittedAt\n  answers {\n    fieldId\n    label\n    type\n    text\n    masked\n  }\n  messages {\n    id\n    body\n    sentAt\n    byName\n  }\n}": types.MySubmission_FieldsFragmentDoc,
    "query MySubmission($id: ID!, $accessKey: String) {\n  mySubmission(id: $id, accessKey: $accessKey) {\n    ...MySubmission_fields\n  }\n}": types.MySubmissionDocument,
    "query ResidentForm($id: ID!) {\n  residentForm(id: $id) {\n    id\n    title\n    description\n    kind\n    versionId\n    definition\n    access\n    answerPolicy\n    opensAt\n    closesAt\n    availability {\n      open\n      reason\n      code\n    }\n    prefill\n    draft {\n      answers\n      pageId\n      savedAt\n    }\n    askContactEmail\n    thankYouMessage\n  }\n}": types.ResidentFormDocument,
    "mutation SaveFormDraft($formId: ID!, $answers: JSONObject!, $pageId: String) {\n  saveFormDraft(formId: $formId, answers: $answers, pageId: $pageId) {\n    savedAt\n  }\n}": types.SaveFormDraftDocument,
    "mutation SubmitForm($input: SubmitFormInput!) {\n  submitForm(input: $input) {\n    submissionId\n    receiptNumber\n    thankYouMessage\n    accessKey\n  }\n}": types.SubmitFormDocument,
    "mutation OpenTrackedLink($token: String!) {\n  openTrackedLink(token: $token) {\n    url\n    identified\n  }\n}": types.OpenTrackedLinkDocument,
    "fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}": types.ResidentProfile_ResidentFragmentDoc,
    "query PublicCommentResult($procedureId: ID!) {\n  publicCommentResult(procedureId: $procedureId) {\n    procedureId\n    title\n    departmentName\n    opensAt\n    closesAt\n    publishedAt\n    introduction\n    totalOpinions\n    csvPath\n    groups {\n      number\n      title\n      summary\n      response\n      count\n    }\n  }\n}": types.PublicCommentResultDocument,
    "fragment PublishedPublicCommentFields on PublishedPublicComment {\n  id\n  title\n  summary\n  departmentName\n  opensAt\n  closesAt\n  status\n  acceptingOpinions\n  resultPublishedAt\n}": types.PublishedPublicCommentFieldsFragmentDoc,
    "query PublishedPublicComment($id: ID!) {\n  publishedPublicComment(id: $id) {\n    ...PublishedPublicCommentFields\n    body\n    formPath\n    documents {\n      id\n      title\n      url\n      contentType\n      byteSize\n    }\n  }\n}": types.PublishedPublicCommentDocument,
    "query PublishedPublicComments {\n  publishedPublicComments {\n    ...PublishedPublicCommentFields\n  }\n}": types.PublishedPublicCommentsDocument,
    "fragment ResidentSession_resident on ResidentViewer {\n  id\n  displayName\n  language\n  ...ResidentProfile_resident\n}": types.ResidentSession_ResidentFragmentDoc,
    "mutation ResidentSignIn($input: ResidentSignInInput!) {\n  residentSignIn(input: $input) {\n    resident {\n      ...ResidentSession_resident\n    }\n  }\n}": types.ResidentSignInDocument,
    "mutation ResidentSignOut {\n  residentSignOut\n}": types.ResidentSignOutDocument,
    "query ResidentViewer {\n  residentViewer {\n    ...ResidentSession_resident\n  }\n}": types.ResidentViewerDocument,
    "fragment MyAttributesFields on MyAttributes {\n  fields {\n    key\n    label\n    kind\n    helpText\n    numberMin\n    numberMax\n    numberInteger\n    options {\n      key\n      label\n      parentKey\n      retired\n    }\n  }\n  values {\n    attributeKey\n    optionKeys\n    dates\n    number\n    text\n    flag\n  }\n}": types.MyAttributesFieldsFragmentDoc,
    "query MyAttributes {\n  myAttributes {\n    ...MyAttributesFields\n  }\n}": types.MyAttributesDocument,
    "mutation UpdateMyAttributes($values: [AttributeValueInput!]!) {\n  updateMyAttributes(values: $values) {\n    ...MyAttributesFields\n  }\n}": types.UpdateMyAttributesDocument,
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
export function graphql(source: "query MyFormAnswers($formId: ID!) {\n  residentForm(id: $formId) {\n    id\n    title\n    kind\n    answerPolicy\n    availability {\n      open\n      code\n    }\n  }\n  myFormSubmissions(formId: $formId) {\n    ...MySubmission_fields\n  }\n}"): (typeof documents)["query MyFormAnswers($formId: ID!) {\n  residentForm(id: $formId) {\n    id\n    title\n    kind\n    answerPolicy\n    availability {\n      open\n      code\n    }\n  }\n  myFormSubmissions(formId: $formId) {\n    ...MySubmission_fields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MySubmission_fields on MySubmission {\n  id\n  receiptNumber\n  formId\n  formTitle\n  status\n  submittedAt\n  answers {\n    fieldId\n    label\n    type\n    text\n    masked\n  }\n  messages {\n    id\n    body\n    sentAt\n    byName\n  }\n}"): (typeof documents)["fragment MySubmission_fields on MySubmission {\n  id\n  receiptNumber\n  formId\n  formTitle\n  status\n  submittedAt\n  answers {\n    fieldId\n    label\n    type\n    text\n    masked\n  }\n  messages {\n    id\n    body\n    sentAt\n    byName\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MySubmission($id: ID!, $accessKey: String) {\n  mySubmission(id: $id, accessKey: $accessKey) {\n    ...MySubmission_fields\n  }\n}"): (typeof documents)["query MySubmission($id: ID!, $accessKey: String) {\n  mySubmission(id: $id, accessKey: $accessKey) {\n    ...MySubmission_fields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResidentForm($id: ID!) {\n  residentForm(id: $id) {\n    id\n    title\n    description\n    kind\n    versionId\n    definition\n    access\n    answerPolicy\n    opensAt\n    closesAt\n    availability {\n      open\n      reason\n      code\n    }\n    prefill\n    draft {\n      answers\n      pageId\n      savedAt\n    }\n    askContactEmail\n    thankYouMessage\n  }\n}"): (typeof documents)["query ResidentForm($id: ID!) {\n  residentForm(id: $id) {\n    id\n    title\n    description\n    kind\n    versionId\n    definition\n    access\n    answerPolicy\n    opensAt\n    closesAt\n    availability {\n      open\n      reason\n      code\n    }\n    prefill\n    draft {\n      answers\n      pageId\n      savedAt\n    }\n    askContactEmail\n    thankYouMessage\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveFormDraft($formId: ID!, $answers: JSONObject!, $pageId: String) {\n  saveFormDraft(formId: $formId, answers: $answers, pageId: $pageId) {\n    savedAt\n  }\n}"): (typeof documents)["mutation SaveFormDraft($formId: ID!, $answers: JSONObject!, $pageId: String) {\n  saveFormDraft(formId: $formId, answers: $answers, pageId: $pageId) {\n    savedAt\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitForm($input: SubmitFormInput!) {\n  submitForm(input: $input) {\n    submissionId\n    receiptNumber\n    thankYouMessage\n    accessKey\n  }\n}"): (typeof documents)["mutation SubmitForm($input: SubmitFormInput!) {\n  submitForm(input: $input) {\n    submissionId\n    receiptNumber\n    thankYouMessage\n    accessKey\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OpenTrackedLink($token: String!) {\n  openTrackedLink(token: $token) {\n    url\n    identified\n  }\n}"): (typeof documents)["mutation OpenTrackedLink($token: String!) {\n  openTrackedLink(token: $token) {\n    url\n    identified\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}"): (typeof documents)["fragment ResidentProfile_resident on ResidentViewer {\n  id\n  displayName\n  pictureUrl\n  language\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicCommentResult($procedureId: ID!) {\n  publicCommentResult(procedureId: $procedureId) {\n    procedureId\n    title\n    departmentName\n    opensAt\n    closesAt\n    publishedAt\n    introduction\n    totalOpinions\n    csvPath\n    groups {\n      number\n      title\n      summary\n      response\n      count\n    }\n  }\n}"): (typeof documents)["query PublicCommentResult($procedureId: ID!) {\n  publicCommentResult(procedureId: $procedureId) {\n    procedureId\n    title\n    departmentName\n    opensAt\n    closesAt\n    publishedAt\n    introduction\n    totalOpinions\n    csvPath\n    groups {\n      number\n      title\n      summary\n      response\n      count\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PublishedPublicCommentFields on PublishedPublicComment {\n  id\n  title\n  summary\n  departmentName\n  opensAt\n  closesAt\n  status\n  acceptingOpinions\n  resultPublishedAt\n}"): (typeof documents)["fragment PublishedPublicCommentFields on PublishedPublicComment {\n  id\n  title\n  summary\n  departmentName\n  opensAt\n  closesAt\n  status\n  acceptingOpinions\n  resultPublishedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublishedPublicComment($id: ID!) {\n  publishedPublicComment(id: $id) {\n    ...PublishedPublicCommentFields\n    body\n    formPath\n    documents {\n      id\n      title\n      url\n      contentType\n      byteSize\n    }\n  }\n}"): (typeof documents)["query PublishedPublicComment($id: ID!) {\n  publishedPublicComment(id: $id) {\n    ...PublishedPublicCommentFields\n    body\n    formPath\n    documents {\n      id\n      title\n      url\n      contentType\n      byteSize\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublishedPublicComments {\n  publishedPublicComments {\n    ...PublishedPublicCommentFields\n  }\n}"): (typeof documents)["query PublishedPublicComments {\n  publishedPublicComments {\n    ...PublishedPublicCommentFields\n  }\n}"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MyAttributesFields on MyAttributes {\n  fields {\n    key\n    label\n    kind\n    helpText\n    numberMin\n    numberMax\n    numberInteger\n    options {\n      key\n      label\n      parentKey\n      retired\n    }\n  }\n  values {\n    attributeKey\n    optionKeys\n    dates\n    number\n    text\n    flag\n  }\n}"): (typeof documents)["fragment MyAttributesFields on MyAttributes {\n  fields {\n    key\n    label\n    kind\n    helpText\n    numberMin\n    numberMax\n    numberInteger\n    options {\n      key\n      label\n      parentKey\n      retired\n    }\n  }\n  values {\n    attributeKey\n    optionKeys\n    dates\n    number\n    text\n    flag\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyAttributes {\n  myAttributes {\n    ...MyAttributesFields\n  }\n}"): (typeof documents)["query MyAttributes {\n  myAttributes {\n    ...MyAttributesFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMyAttributes($values: [AttributeValueInput!]!) {\n  updateMyAttributes(values: $values) {\n    ...MyAttributesFields\n  }\n}"): (typeof documents)["mutation UpdateMyAttributes($values: [AttributeValueInput!]!) {\n  updateMyAttributes(values: $values) {\n    ...MyAttributesFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;