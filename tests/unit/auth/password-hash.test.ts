import {
  DEFAULT_SCRYPT,
  hashParams,
  hashPassword,
  hashPasswordSync,
  verifyPassword,
} from '../../../server/domain/auth/password-hash';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('scrypt password hashing', () => {
  it('hashes with the default (OWASP-equivalent) cost and verifies the right password only', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hashParams(hash)).toEqual(DEFAULT_SCRYPT);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', hash)).resolves.toBe(false);
  });

  it('salts every hash, so one password gives different hashes', async () => {
    const a = await hashPassword('same password', CHEAP);
    const b = await hashPassword('same password', CHEAP);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same password', a)).resolves.toBe(true);
    await expect(verifyPassword('same password', b)).resolves.toBe(true);
  });

  it('verifies with the parameters stored in the hash, whatever the current default', async () => {
    const hash = hashPasswordSync('fixture password', CHEAP);
    expect(hashParams(hash)).toEqual(CHEAP);
    await expect(verifyPassword('fixture password', hash)).resolves.toBe(true);
  });

  it('treats canonically equivalent Unicode spellings as the same password', async () => {
    const composed = 'caf\u00e9-au-lait';
    const decomposed = 'cafe\u0301-au-lait';
    const hash = await hashPassword(composed, CHEAP);
    await expect(verifyPassword(decomposed, hash)).resolves.toBe(true);
  });

  it.each(['', 'plaintext', 'scrypt$1024$8$1$$', 'bcrypt$1$2$3$abc$def', 'scrypt$x$8$1$c2FsdA==$a2V5'])(
    'never matches a malformed stored hash %j',
    async (stored) => {
      await expect(verifyPassword('plaintext', stored)).resolves.toBe(false);
    },
  );
});
