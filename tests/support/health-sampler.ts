import { execFile } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';

/**
 * How fast a running server answers GET /api/health while something else happens: the
 * integration test of issue 15 and `npm run bench:hostile` use the same measure.
 */

/** The 95th percentile of a list of times. */
export function p95(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN;
}

/** One GET /api/health on a kept-alive connection; resolves to its time in ms. */
function timedHealth(agent: http.Agent, port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`health ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/** Asks for health, a few ms apart, for `until` ms or until the promise settles; every answer time. */
export async function sampleHealth(port: number, until: Promise<unknown> | number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let done = false;
  const stop = typeof until === 'number' ? new Promise((resolve) => setTimeout(resolve, until)) : until;
  void stop.then(
    () => (done = true),
    () => (done = true),
  );
  try {
    while (!done) {
      times.push(await timedHealth(agent, port));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    agent.destroy();
  }
  return times;
}

// Plain Node (fetch, FormData) in another process, so the uploads do not share this event loop.
const UPLOADER = `
const fs = require('node:fs');
const path = require('node:path');
const [url, token, ...files] = process.argv.slice(1);
(async () => {
  const statuses = [];
  for (const file of files) {
    const body = new FormData();
    body.set('name', 'Hostile');
    body.append('files', new Blob([fs.readFileSync(file)]), path.basename(file));
    const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer ' + token }, body });
    statuses.push([path.basename(file), res.status, (await res.json()).error?.code ?? null]);
  }
  process.stdout.write(JSON.stringify(statuses));
})();
`;

/** Uploads the files one after the other to POST …/sources from another process; each file's status and error code. */
export async function uploadFromAnotherProcess(
  url: string,
  token: string,
  files: string[],
): Promise<[file: string, status: number, code: string | null][]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', UPLOADER, url, token, ...files], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as [string, number, string | null][];
}
