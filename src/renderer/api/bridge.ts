import type { ApiBridge } from '../../contract/methods';
import { WsClient, type ConnectionStatus } from './ws-client';

/** What the UI needs from a transport: calls, plus a connection status for the banner. */
export interface Transport {
  bridge: ApiBridge;
  getStatus(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

const TOKEN_META = 'tc-bridge-token';

export function readTokenFromDocument(doc: Document = document): string | null {
  return doc.querySelector(`meta[name="${TOKEN_META}"]`)?.getAttribute('content') || null;
}

/** Finds the token in an index.html text; used after a backend restart may have rotated it. */
export function readTokenFromHtml(html: string): string | null {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return readTokenFromDocument(doc);
}

export function rpcUrl(token: string | null, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/rpc${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * Electron (app://) gets `window.api` from the preload: IPC, never disconnects. A browser
 * talks to the backend's bridge over WebSocket, authorised by the token the bridge wrote
 * into the page it served.
 */
export function createTransport(): Transport {
  if (window.api) {
    const bridge = window.api;
    return { bridge, getStatus: () => 'online', onStatus: () => () => {} };
  }
  let token = readTokenFromDocument();
  const client = new WsClient({
    url: async (attempt) => {
      if (attempt > 0) token = (await refetchToken()) ?? token;
      return rpcUrl(token);
    },
  });
  return { bridge: client, getStatus: () => client.getStatus(), onStatus: (l) => client.onStatus(l) };
}

/** A restarted backend may hand out a new token: read it from a fresh copy of the page. */
async function refetchToken(): Promise<string | null> {
  try {
    const res = await fetch(location.pathname || '/', { cache: 'no-store' });
    if (!res.ok) return null;
    return readTokenFromHtml(await res.text());
  } catch {
    return null; // server still down; the WebSocket attempt will fail and back off
  }
}
