import { ACTIONS, isAction, may, minimumRole, type Action } from '../../../server/domain/auth/actions';
import { parseRole, roleAtLeast, ROLES, type Role } from '../../../server/domain/auth/roles';
import { ValidationError } from '../../../server/domain/errors';

describe('roles', () => {
  it('are ordered viewer < reviewer < owner', () => {
    expect(ROLES).toEqual(['viewer', 'reviewer', 'owner']);
  });

  it.each<[Role, Role, boolean]>([
    ['viewer', 'viewer', true],
    ['viewer', 'reviewer', false],
    ['viewer', 'owner', false],
    ['reviewer', 'viewer', true],
    ['reviewer', 'reviewer', true],
    ['reviewer', 'owner', false],
    ['owner', 'viewer', true],
    ['owner', 'reviewer', true],
    ['owner', 'owner', true],
  ])('roleAtLeast(%s, %s) is %s', (role, minimum, expected) => {
    expect(roleAtLeast(role, minimum)).toBe(expected);
  });

  it('parseRole accepts the three names and refuses anything else', () => {
    expect(parseRole('reviewer')).toBe('reviewer');
    expect(() => parseRole('admin')).toThrow(ValidationError);
    expect(() => parseRole('Owner')).toThrow(ValidationError);
    expect(() => parseRole(undefined)).toThrow(ValidationError);
  });
});

describe('the actions table', () => {
  it('gives owners settings, import, dedup, resolve, export, members and bulk actions; reviewers screen, code, appraise and annotate; viewers read', () => {
    expect(ACTIONS).toEqual({
      read: 'viewer',
      screen: 'reviewer',
      code: 'reviewer',
      appraise: 'reviewer',
      settings: 'owner',
      import: 'owner',
      dedup: 'owner',
      resolve: 'owner',
      export: 'owner',
      members: 'owner',
      annotate: 'reviewer',
      bulk: 'owner',
    });
  });

  it.each<[Role, Action, boolean]>([
    ['viewer', 'read', true],
    ['viewer', 'screen', false],
    ['viewer', 'export', false],
    ['reviewer', 'screen', true],
    ['reviewer', 'code', true],
    ['reviewer', 'appraise', true],
    ['viewer', 'appraise', false],
    ['reviewer', 'resolve', false],
    ['reviewer', 'import', false],
    ['viewer', 'annotate', false],
    ['reviewer', 'annotate', true],
    ['reviewer', 'bulk', false],
    ['owner', 'settings', true],
    ['owner', 'screen', true],
    ['owner', 'read', true],
  ])('may(%s, %s) is %s', (role, action, expected) => {
    expect(may(role, action)).toBe(expected);
  });

  it('minimumRole and isAction agree with the table', () => {
    expect(minimumRole('dedup')).toBe('owner');
    expect(isAction('screen')).toBe(true);
    expect(isAction('toString')).toBe(false);
    expect(isAction('delete_everything')).toBe(false);
  });
});
