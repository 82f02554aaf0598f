import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useProxyFromEnv } from '../backend/modules/sync/http';
import { enrol, newDevice, startSyncServer, type TestSyncServer } from './sync.testkit';

/**
 * Schools often sit behind an HTTP(S) proxy. Node 24's fetch honours HTTP_PROXY /
 * HTTPS_PROXY / NO_PROXY once `useProxyFromEnv` installs its EnvHttpProxyAgent; this proves
 * a whole sync goes through a (test) forward proxy that supports both CONNECT tunnels and
 * absolute-form requests. Its own file: the dispatcher is process-wide.
 */
describe('sync through an HTTP proxy', () => {
  let s: TestSyncServer;
  let proxy: http.Server;
  let proxyUrl = '';
  const seen: string[] = [];
  const tunnels = new Set<net.Socket>();
  let restore = () => undefined as void;

  beforeAll(async () => {
    s = await startSyncServer('sqlite');
    proxy = http.createServer((req, res) => {
      // Absolute-form: "GET http://127.0.0.1:port/path".
      seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url!);
      const up = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: req.method,
          headers: req.headers,
        },
        (r) => {
          res.writeHead(r.statusCode!, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      req.pipe(up);
    });
    proxy.on('connect', (req, client: net.Socket, head) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = req.url!.split(':');
      tunnels.add(client);
      const up = net.connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) up.write(head);
        up.pipe(client);
        client.pipe(up);
      });
      tunnels.add(up);
      up.on('error', () => client.destroy());
      client.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    restore();
    for (const t of tunnels) t.destroy();
    proxy?.closeAllConnections();
    await new Promise((r) => proxy?.close(r));
    await s?.stop();
  });

  it('enrols and syncs through HTTP_PROXY (NO_PROXY empty)', async () => {
    const installed = useProxyFromEnv({ HTTP_PROXY: proxyUrl, NO_PROXY: '' });
    expect(installed.installed).toBe(true);
    restore = installed.restore;
    const d = await newDevice('PX');
    try {
      await enrol(d, s.url);
      const r = await d.local.call('sync.run', {});
      expect(r.errors).toEqual([]);
      expect(r.pushed).toBeGreaterThan(0);
      const host = new URL(s.url).host;
      expect(seen.some((x) => x === `CONNECT ${host}` || x.startsWith(`POST ${s.url}/api/sync/push`))).toBe(true);
    } finally {
      await d.close();
    }
  });

  it('without proxy variables nothing is installed', () => {
    expect(useProxyFromEnv({}).installed).toBe(false);
  });
});
