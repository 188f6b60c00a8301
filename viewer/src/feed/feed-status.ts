/** The feed connection's state, and how the page says it. Pure. */

export type FeedStatus =
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'live'; readonly role: 'operator' | 'ioc' | null; readonly version: number }
  | { readonly kind: 'retrying'; readonly inMs: number; readonly reason: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'closed' };

/** One short line for #conn-status. */
export function statusText(s: FeedStatus): string {
  switch (s.kind) {
    case 'connecting':
      return s.attempt === 0 ? 'connecting…' : `reconnecting (attempt ${s.attempt + 1})…`;
    case 'live':
      return s.role ? `live · ${s.role}` : 'live';
    case 'retrying':
      return `feed lost (${s.reason}); retrying in ${(s.inMs / 1000).toFixed(1)} s`;
    case 'refused':
      return `feed refused: ${s.reason}`;
    case 'closed':
      return 'feed closed';
  }
}
