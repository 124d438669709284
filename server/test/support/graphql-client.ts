/** A small GraphQL-over-HTTP client that keeps cookies like a browser (one per simulated user). */
export interface GqlError {
  message: string;
  extensions?: { code?: string; reason?: string; fields?: Record<string, string>; [k: string]: unknown };
}
export interface GqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: GqlError[];
  headers: Headers;
}

export class GqlClient {
  private cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  withHeaders(headers: Record<string, string>): GqlClient {
    const c = new GqlClient(this.baseUrl, { ...this.headers, ...headers });
    c.cookies = new Map(this.cookies);
    return c;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}), ...this.headers },
      body: JSON.stringify({ query, variables }),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const idx = pair!.indexOf('=');
      const name = pair!.slice(0, idx);
      const value = pair!.slice(idx + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = (await res.json()) as { data?: T; errors?: GqlError[] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  }

  /** Fails the test with the errors when the operation did not succeed. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length || !res.data) throw new Error(`GraphQL failed: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  /** The first error's code (and the response), for asserting refusals. */
  async code(query: string, variables?: Record<string, unknown>): Promise<string | undefined> {
    const res = await this.request(query, variables);
    return res.errors?.[0]?.extensions?.code;
  }
}
