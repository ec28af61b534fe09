// Session slice: who is signed in, and how healthy the link is — both the bridge to the core
// (browser shell WebSocket) and the core's own link to the hub (session.state phase).
import { create } from 'zustand';
import type { SessionState } from '../../shared/api';
import type { AgentPresence } from '../../shared/hub-protocol';
import type { AppError } from '../../shared/result';
import { api } from '../platform/client';
import type { BridgeStatus } from '../platform/websocketTransport';

interface SessionSlice {
  /** null until the first session.state answer arrives. */
  state: SessionState | null;
  bridge: BridgeStatus;
  loggingIn: boolean;
  loginError: AppError | null;
  /** Error reaching the core at all (session.state failed). */
  loadError: AppError | null;
  load(): Promise<void>;
  apply(state: SessionState): void;
  setBridge(status: BridgeStatus): void;
  login(input: { hubUrl: string; username: string; password: string }): Promise<boolean>;
  /** clear: also delete this sign-in's local data; answers the refusal (e.g. unsynced work) if any. */
  logout(clear?: boolean): Promise<AppError | null>;
  /** Returns the error, if the hub refused; offline the choice is kept and applied on reconnect. */
  setPresence(presence: AgentPresence): Promise<AppError | null>;
}

export const useSession = create<SessionSlice>((set) => ({
  state: null,
  bridge: 'connecting',
  loggingIn: false,
  loginError: null,
  loadError: null,
  async load() {
    const r = await api().call('session.state', {});
    if (r.ok) set({ state: r.data, loadError: null });
    else set({ loadError: r.error });
  },
  apply(state) {
    set({ state });
  },
  setBridge(bridge) {
    set({ bridge });
  },
  async login(input) {
    set({ loggingIn: true, loginError: null });
    const r = await api().call('session.login', input);
    if (!r.ok) {
      set({ loggingIn: false, loginError: r.error });
      return false;
    }
    // The core may answer ok with a signed-out state and the reason in lastError.
    if (r.data.phase === 'signed_out') {
      set({
        loggingIn: false,
        state: r.data,
        loginError: { code: 'UNAUTHORIZED', message: r.data.lastError ?? 'login failed' },
      });
      return false;
    }
    set({ loggingIn: false, state: r.data });
    return true;
  },
  async logout(clear = false) {
    const r = await api().call('session.logout', { clear });
    if (!r.ok) return r.error;
    set({ state: r.data });
    return null;
  },
  async setPresence(presence) {
    const r = await api().call('session.setPresence', { presence });
    if (!r.ok) return r.error;
    set({ state: r.data });
    return null;
  },
}));

/** Signed in means the agent can work, even while offline from the hub (local-first). */
export function isSignedIn(state: SessionState | null): boolean {
  return state !== null && state.phase !== 'signed_out' && state.agent !== null;
}
