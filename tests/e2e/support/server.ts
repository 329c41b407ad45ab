import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from '../../../server/app';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the real app on a free loopback port for a browser to visit. */
export async function startServer(deps: AppDeps): Promise<RunningServer> {
  const app = createApp(deps);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
