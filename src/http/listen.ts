/** Starts an HTTP server listening and names the base URL a local client reaches it at. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listen(server: http.Server, port: number, host: string): Promise<{ port: number; baseUrl: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  // A wildcard bind is reached locally through loopback.
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { port: bound, baseUrl: `http://${local.includes(':') ? `[${local}]` : local}:${bound}` };
}
