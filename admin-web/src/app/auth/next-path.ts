/** Only same-app paths may be a post-login destination, never another origin (open redirect). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next) return '/';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

export function loginPath(options: { reason?: 'expired' | 'loggedOut'; next?: string } = {}): string {
  const params = new URLSearchParams();
  if (options.reason) params.set('reason', options.reason);
  if (options.next && options.next !== '/' && safeNextPath(options.next) === options.next) params.set('next', options.next);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
