/** Where the user is: the screens of the terminal UI as a discriminated union. */
import type { ClientId } from '../../../core/ids.js';

/** Tabs of the client screen, in order. */
export const CLIENT_TABS = ['profile', 'assessment', 'proposal', 'plan', 'history'] as const;
export type ClientTab = (typeof CLIENT_TABS)[number];

export type Route =
  | { readonly screen: 'clients' }
  | { readonly screen: 'client'; readonly clientId: ClientId; readonly tab: ClientTab }
  | { readonly screen: 'myday' }
  | { readonly screen: 'approvals' }
  | { readonly screen: 'schedule' }
  | { readonly screen: 'dashboard' };

export type ScreenId = Route['screen'];
