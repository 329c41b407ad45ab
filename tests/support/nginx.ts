import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { packagePath } from '../../server/package-root';

/**
 * Debian's nginx in front of a test server, unprivileged and throw-away: its config, pid,
 * logs, temp files and a self-signed certificate live in a temp dir; it runs in the
 * foreground as our child (no daemon, no master process) and is killed on `stop()`.
 */

/** The nginx binary, or null when it is not installed (the test then skips, saying so). */
export function findNginx(): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin']) {
    const candidate = path.join(dir, 'nginx');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** The example the README shows (docs/deploy/nginx-sift.conf), byte for byte. */
export const EXAMPLE_CONFIG = packagePath('docs', 'deploy', 'nginx-sift.conf');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Replaces a fragment of the example that must be there (so a changed example fails loudly). */
function substitute(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`${EXAMPLE_CONFIG} no longer contains "${from}"`);
  return text.split(from).join(to);
}

export interface RunningNginx {
  /** https://localhost:PORT */
  url: string;
  port: number;
  /** the self-signed certificate, to trust in requests */
  ca: string;
  stop(): Promise<void>;
}

/** Starts nginx with the README's example config in front of `upstreamPort`, on a free loopback port. */
export async function startNginx(binary: string, upstreamPort: number): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-nginx-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  // A self-signed certificate for the name the client checks (localhost).
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const port = await freePort();
  let site = fs.readFileSync(EXAMPLE_CONFIG, 'utf8');
  site = substitute(site, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
  site = substitute(site, '/etc/ssl/certs/sift.example.org.pem', cert);
  site = substitute(site, '/etc/ssl/private/sift.example.org.key', key);
  site = substitute(site, 'http://127.0.0.1:3000', `http://127.0.0.1:${upstreamPort}`);
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    [
      'daemon off;',
      'master_process off;',
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(dir, 'error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${path.join(dir, `${kind}_temp`)};`,
      ),
      site,
      '}',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ca = fs.readFileSync(cert, 'utf8');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForTls(port, ca, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `https://localhost:${port}`, port, ca, stop };
}

/** Resolves once nginx completes a TLS handshake; fails at once if nginx exits first. */
async function waitForTls(
  port: number,
  ca: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${port}: ${stderr()}`);
    // nginx binds within milliseconds of starting; wait on its process, not a fixed sleep.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One JSON request over HTTPS to nginx, from a chosen loopback address (a distinct "client"). */
export function httpsJson(
  proxy: RunningNginx,
  method: string,
  urlPath: string,
  options: { body?: unknown; from?: string; headers?: Record<string, string> } = {},
): Promise<HttpsAnswer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: proxy.port,
        servername: 'localhost',
        ca: proxy.ca,
        method,
        path: urlPath,
        agent: false, // no keep-alive socket outlives the test
        localAddress: options.from,
        headers: {
          host: `localhost:${proxy.port}`,
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? JSON.parse(text) : null,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
