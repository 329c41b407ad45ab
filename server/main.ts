import type { Server } from 'node:http';
import { createApp, type AppDeps } from './app';

export interface ServeOptions extends AppDeps {
  port: number;
  host?: string;
}

/** Listens on host:port and resolves once the server accepts connections. */
export function serve({ port, host = '127.0.0.1', ...deps }: ServeOptions): Promise<Server> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}
