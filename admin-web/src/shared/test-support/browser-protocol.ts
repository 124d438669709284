/** What the test tells the page before it loads. */
export interface BrowserPageSetup {
  /** The URL the router starts at, e.g. `/deliveries/d-1`. */
  path: string;
  permissions: string[];
}

/** One GraphQL operation as the page sent it (a subscription too, when it starts). */
export interface GraphQLRequest {
  operationName: string;
  variables: Record<string, unknown>;
  query: string;
  /** The page's `Date.now()` when it sent the operation (Playwright's clock, where a test installed it). */
  sentAt: number;
}

/** What the test answers: data, or errors as the server formats them. */
export type GraphQLAnswer =
  { data: Record<string, unknown> } | { errors: Array<{ message: string; extensions?: Record<string, unknown> }> };

/** A generated type as the server answers it: every object also carries its `__typename`. */
export type Answered<T> = T extends readonly (infer U)[]
  ? Answered<U>[]
  : T extends object
    ? { [K in keyof T]: Answered<T[K]> } & { __typename?: string }
    : T;

/** The names the page and the test in Node talk through (browser-entry.tsx and browser-page.ts). */
declare global {
  interface Window {
    /** Answers a query or mutation (the test records it). */
    answerGraphQL: (request: GraphQLRequest) => Promise<GraphQLAnswer>;
    /** Tells the test a subscription has started (it records it). */
    graphQLSubscribed: (request: GraphQLRequest) => Promise<void>;
    /** Hands what the test publishes to the page's subscribers of that operation; how many there were. */
    publishGraphQL: (operationName: string, answer: GraphQLAnswer) => number;
    browserPageSetup: BrowserPageSetup;
  }
}
