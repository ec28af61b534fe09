// Picks the transport for this run and exposes the one API client the renderer uses.
// Electron: the preload puts `window.xiaoer` (already an ApiTransport) on the page.
// Browser shell: a WebSocket to the bridge on the same host, authenticated by the page's token.
import { createApiClient, type ApiClient, type ApiTransport } from '../../shared/api-client';
import type {
  BRIDGE_TOKEN_PARAM as TokenParam,
  BRIDGE_WS_PATH as WsPath,
} from '../../shared/bridge-protocol';
import { createWebSocketTransport, type BridgeStatus } from './websocketTransport';

declare global {
  interface Window {
    xiaoer?: ApiTransport;
  }
}

// bridge-protocol.ts also holds zod schemas; a value import would pull zod into the bundle. The
// literal types tie these copies to the contract, so a change there fails to compile here.
const BRIDGE_TOKEN_PARAM: typeof TokenParam = 'token';
const BRIDGE_WS_PATH: typeof WsPath = '/bridge';

let client: ApiClient | null = null;
const statusListeners = new Set<(s: BridgeStatus) => void>();
let bridgeStatus: BridgeStatus = 'connecting';

function setStatus(s: BridgeStatus): void {
  bridgeStatus = s;
  for (const l of statusListeners) l(s);
}

export function bridgeUrl(loc: Pick<Location, 'host' | 'search' | 'protocol'>): string {
  const token = new URLSearchParams(loc.search).get(BRIDGE_TOKEN_PARAM) ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${BRIDGE_WS_PATH}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

/**
 * The browser shell opened without its run token (a bookmark, a retyped address): no connection can
 * succeed, so the page says so instead of waiting. Electron has no token (IPC).
 */
export function bridgeTokenMissing(loc: Pick<Location, 'search'> = window.location): boolean {
  return !window.xiaoer && !new URLSearchParams(loc.search).get(BRIDGE_TOKEN_PARAM);
}

/** Builds the client once, at start-up. */
export function initApiClient(): ApiClient {
  if (client) return client;
  if (window.xiaoer) {
    // IPC cannot drop the way a socket can: the link to the core is always up.
    setStatus('open');
    client = createApiClient(window.xiaoer);
  } else {
    client = createApiClient(
      createWebSocketTransport({ url: bridgeUrl(window.location), onStatus: setStatus }),
    );
  }
  return client;
}

/** Lets tests (and a future embedding) provide their own client. */
export function setApiClient(c: ApiClient): void {
  client = c;
}

export function api(): ApiClient {
  if (!client) throw new Error('API client used before initApiClient()');
  return client;
}

export function getBridgeStatus(): BridgeStatus {
  return bridgeStatus;
}

export function onBridgeStatus(listener: (s: BridgeStatus) => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}
