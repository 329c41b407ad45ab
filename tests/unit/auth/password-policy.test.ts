import { ValidationError } from '../../../server/domain/errors';
import {
  assertAcceptablePassword,
  MAX_PASSWORD_LENGTH,
  parsePasswordList,
  passwordProblems,
} from '../../../server/domain/auth/password-policy';
import { commonPasswords } from '../../../server/services/common-passwords';

const common = parsePasswordList('# a comment\npassword\nsunshine1\r\nLetMeIn123\n');

describe('password policy', () => {
  it.each([
    ['', ['too_short']],
    ['1234567', ['too_short']],
    ['abcdefg', ['too_short']],
    ['abcdefgh', []],
    ['sift-demo', []],
    ['password', ['common']],
    ['PassWord', ['common']],
    ['sunshine1', ['common']],
    ['letmein123', ['common']],
    ['alice-1234', []],
  ])('passwordProblems(%j) is %j', (password, expected) => {
    expect(passwordProblems(password, { commonPasswords: common })).toEqual(expected);
  });

  it('counts Unicode code points, not UTF-16 units', () => {
    // four astral characters are 8 UTF-16 units but only 4 characters
    expect(passwordProblems('🔒🔒🔒🔒', { commonPasswords: common })).toEqual(['too_short']);
    expect(passwordProblems('🔒🔒🔒🔒🔒🔒🔒🔒', { commonPasswords: common })).toEqual([]);
  });

  it('refuses a password equal to the username, ignoring case', () => {
    expect(passwordProblems('Reviewer01', { commonPasswords: common, username: 'reviewer01' })).toEqual([
      'same_as_username',
    ]);
  });

  it('accepts long passphrases and refuses absurd lengths', () => {
    expect(passwordProblems('x'.repeat(64) + 'y', { commonPasswords: common })).toEqual([]);
    expect(passwordProblems('x'.repeat(MAX_PASSWORD_LENGTH + 1), { commonPasswords: common })).toEqual([
      'too_long',
    ]);
  });

  it('assertAcceptablePassword throws a ValidationError that names the problems', () => {
    expect(() => assertAcceptablePassword('short', { commonPasswords: common })).toThrow(ValidationError);
    try {
      assertAcceptablePassword('password', { commonPasswords: common });
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual({ problems: ['common'] });
      expect((error as ValidationError).message).toMatch(/common passwords/);
    }
  });
});

describe('the shipped common-password list', () => {
  const list = commonPasswords();

  it('holds at least 3000 passwords that the length rule alone would accept (ASVS 6.2.4)', () => {
    expect(list.size).toBeGreaterThanOrEqual(3000);
    for (const p of list) expect([...p].length).toBeGreaterThanOrEqual(8);
  });

  it.each([
    'password',
    'iloveyou',
    'sunshine',
    'football',
    '12345678',
    'qwertyuiop',
    'password1',
    'Trustno1',
  ])('refuses %s', (password) => {
    expect(passwordProblems(password, { commonPasswords: list })).toContain('common');
  });

  it('lets the demo password through', () => {
    expect(passwordProblems('sift-demo', { commonPasswords: list })).toEqual([]);
  });
});
