import { parseTrustProxy } from '../../../server/http/trust-proxy';

describe('parseTrustProxy (sift serve --trust-proxy, SIFT_TRUST_PROXY)', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.2', ['loopback', '10.0.0.2']],
    ['10.0.0.0/8,fd00::/8,uniquelocal,linklocal', ['10.0.0.0/8', 'fd00::/8', 'uniquelocal', 'linklocal']],
    ['::1', ['::1']],
  ])('%p → %p', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it('refuses true: a client could then choose its own address', () => {
    expect(() => parseTrustProxy('true')).toThrow(/any client set its own address/);
  });

  it.each(['localhost', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', 'loopback,', '1.2.3', 'fe80::/x'])(
    'refuses %p, naming the accepted forms',
    (value) => {
      expect(() => parseTrustProxy(value)).toThrow(/--trust-proxy: .* is not an address/);
    },
  );
});
