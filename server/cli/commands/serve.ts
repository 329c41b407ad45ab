import { openDatabase } from '../../db/connection';
import { serve } from '../../main';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'sift serve --db FILE [--port N] [--host H]',
  summary: 'serve the web app and the HTTP API',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    });
    const db = openDatabase(required(values.db, 'db'));
    const server = await serve({ db, port: Number(values.port), host: values.host as string });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : values.port;
    io.stdout.write(`Sift is running at http://localhost:${port}\n`);
    return new Promise((resolve) => server.on('close', () => resolve(0)));
  },
};
