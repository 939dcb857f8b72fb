// The signed-in user's tokens, outside React so that the API client can read them.
//
// The access token lives 15 minutes and is kept in memory; the refresh token is one-time and is
// kept in sessionStorage, so a reload keeps the user signed in but closing the tab signs them out
// (a shared family tablet should not stay signed in). Refreshes are single-flight: two requests
// that find the token stale share one refresh, since a refresh token used twice ends the sign-in.
import createClient from 'openapi-fetch';
import type { components, paths } from '../api/schema';
import { nowMs } from '../clock';

export type SignIn = components['schemas']['SignIn'];
export type SignedInUser = components['schemas']['UserView'];
export type Role = SignedInUser['role'];

interface State {
  user: SignedInUser;
  accessToken: string;
  refreshToken: string;
  /** ms since the epoch when the access token stops working */
  expiresAt: number;
}

const STORAGE_KEY = 'homecare.session';
/** Refresh this long before the access token runs out, to allow for clock skew and slow networks. */
const REFRESH_MARGIN_MS = 60_000;

/** Auth calls go without the signed-in middleware (which would wait on a refresh in progress). */
const bare = createClient<paths>({ baseUrl: globalThis.location?.origin });

type Listener = () => void;

class SessionStore {
  private state: State | null = null;
  private refreshing: Promise<State | null> | null = null;
  private listeners = new Set<Listener>();
  /** Why the user was signed out, shown on the sign-in page. */
  endedReason: 'expired' | null = null;

  constructor() {
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved) {
      try {
        // Only the refresh token and the user survive a reload; the access token is refreshed.
        const { user, refreshToken } = JSON.parse(saved) as Pick<State, 'user' | 'refreshToken'>;
        this.state = { user, refreshToken, accessToken: '', expiresAt: 0 };
      } catch {
        sessionStorage.removeItem(STORAGE_KEY);
      }
    }
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  user = (): SignedInUser | null => this.state?.user ?? null;

  /** Starts a session from a sign-in answer (login or an accepted invitation). */
  start(signIn: SignIn): void {
    this.endedReason = null;
    this.set({
      user: signIn.user,
      accessToken: signIn.accessToken,
      refreshToken: signIn.refreshToken,
      expiresAt: nowMs() + signIn.expiresIn * 1000,
    });
  }

  /** A usable access token, refreshed first when it is (nearly) out of date; null when signed out. */
  async accessToken(): Promise<string | null> {
    const state = this.state;
    if (!state) return null;
    if (state.expiresAt - REFRESH_MARGIN_MS > nowMs()) return state.accessToken;
    this.refreshing ??= this.refresh(state.refreshToken).finally(() => {
      this.refreshing = null;
    });
    return (await this.refreshing)?.accessToken ?? null;
  }

  /** The API said 401: the sign-in is over (revoked, or the account was closed). */
  expired(): void {
    if (!this.state) return;
    this.endedReason = 'expired';
    this.set(null);
  }

  async signOut(): Promise<void> {
    const state = this.state;
    this.set(null);
    // Ends the refresh token on the server too; signed out locally whatever it answers.
    if (state)
      await bare.POST('/auth/logout', { body: { refreshToken: state.refreshToken } }).catch(() => undefined);
  }

  private async refresh(refreshToken: string): Promise<State | null> {
    try {
      const { data, response } = await bare.POST('/auth/refresh', { body: { refreshToken } });
      if (!response.ok || !data) {
        this.expired();
        return null;
      }
      this.start(data);
      return this.state;
    } catch {
      // Offline: keep the session; the request that asked will fail with a network problem.
      return null;
    }
  }

  private set(state: State | null): void {
    this.state = state;
    if (state) {
      sessionStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ user: state.user, refreshToken: state.refreshToken }),
      );
    } else {
      sessionStorage.removeItem(STORAGE_KEY);
    }
    for (const listener of this.listeners) listener();
  }
}

export const session = new SessionStore();
