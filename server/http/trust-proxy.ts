import { isIP } from 'node:net';
import { ValidationError } from '../domain/errors';

/**
 * Express's `trust proxy`, as `sift serve --trust-proxy` and SIFT_TRUST_PROXY give it: which
 * hops in front of Sift may tell it the client's address (X-Forwarded-For) and scheme
 * (X-Forwarded-Proto). Off by default: then those headers are ignored, so a client cannot
 * claim another address to dodge login limiting, nor HTTPS to change the cookie.
 *
 * Accepted, as Express accepts them: a hop count (`1`: the one proxy in front), the names
 * `loopback`, `linklocal`, `uniquelocal`, and addresses or CIDR ranges, comma-separated.
 * `true` (trust every hop) is refused: the client's own X-Forwarded-For entries would then
 * decide its address (OWASP: never take a client-supplied header as its identity). A hop
 * count or the proxy's address says the same for an honest proxy and cannot be spoofed.
 */
export type TrustProxy = false | number | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function checkEntry(entry: string): string {
  if (NAMES.has(entry)) return entry;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address ?? '');
  const maxPrefix = family === 4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
  if (family === 0 || extra !== undefined || !prefixOk) {
    throw new ValidationError(
      `--trust-proxy: "${entry}" is not an address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`,
    );
  }
  return entry;
}

/** Parses a --trust-proxy / SIFT_TRUST_PROXY value; throws ValidationError with the accepted forms. */
export function parseTrustProxy(value: string | number | boolean | undefined): TrustProxy {
  if (value === undefined || value === false) return false;
  if (typeof value === 'number') return parseTrustProxy(String(value));
  const text = String(value).trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    throw new ValidationError(
      '--trust-proxy true would let any client set its own address through X-Forwarded-For; ' +
        'give the number of proxies in front of Sift (1) or their addresses (loopback, 10.0.0.2, 10.0.0.0/8)',
    );
  }
  if (/^\d+$/.test(text)) return Number(text);
  return text.split(',').map((part) => checkEntry(part.trim()));
}
