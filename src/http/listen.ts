/** Starts an HTTP server listening and names the base URL a local client reaches it at. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listener that could not bind: said in one line an operator can act on, not a stack trace. */
export class ListenError extends Error {}

export async function listen(server: http.Server, port: number, host: string, what = 'GraphQL'): Promise<{ port: number; baseUrl: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port, host, what)));
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  // A wildcard bind is reached locally through loopback.
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { port: bound, baseUrl: `http://${local.includes(':') ? `[${local}]` : local}:${bound}` };
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string, what: string): Error {
  const where = `${host}:${port}`;
  const how = what === 'GraphQL' ? 'choose another with --port or PORT (or server.port)' : 'choose another with server.ops.port';
  if (error.code === 'EADDRINUSE') return new ListenError(`the ${what} port ${where} is already in use: stop what holds it, or ${how}`);
  if (error.code === 'EACCES') return new ListenError(`the ${what} port ${where} needs privileges this process does not have: ${how}`);
  if (error.code === 'EADDRNOTAVAIL')
    return new ListenError(`the ${what} address ${host} is not an address of this machine: set server${what === 'GraphQL' ? '' : '.ops'}.host`);
  return error;
}
