import { openDatabase } from '../../db/connection';
import { countRecords } from '../../db/repos/records';
import { systemClock } from '../../domain/clock';
import { serve } from '../../main';
import { DEMO_PROJECT, ensureDemo } from '../../services/demo';
import { parseCommandArgs } from '../args';
import type { Command } from '../types';

export const demoCommand: Command = {
  name: 'demo',
  usage: 'sift demo [--db data/demo.sqlite] [--port 3000] [--host H]',
  summary: 'create the demo review (if the database lacks it) and serve it',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string', default: 'data/demo.sqlite' },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    });
    const db = openDatabase(values.db as string);
    const { projectId, built } = ensureDemo(db, systemClock);
    io.stdout.write(
      `${built ? 'Created' : 'Using'} the demo review "${DEMO_PROJECT.name}" (${countRecords(db, projectId)} records) in ${values.db}\n`,
    );
    const server = await serve({ db, port: Number(values.port), host: values.host as string });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : values.port;
    io.stdout.write(`Sift is running at http://localhost:${port}\n`);
    return new Promise((resolve) => server.on('close', () => resolve(0)));
  },
};
