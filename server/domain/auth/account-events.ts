/**
 * The account log's vocabulary: every event that changes who may sign in or what they may
 * reach. Names follow OWASP's Application Logging Vocabulary in spirit (authn_…, user_…), in
 * plain words so an administrator reads the log without a key.
 */
export const ACCOUNT_EVENTS = [
  'setup', // the first administrator, made on the setup page
  'signed_in',
  'sign_in_failed', // a wrong password for an existing account (unknown names are not logged)
  'signed_out',
  'signed_out_everywhere',
  'password_changed', // by the user, with the current password
  'password_set', // through a one-time link (reset or a new account's first password)
  'password_reset_by_administrator', // `sift user passwd`
  'password_link_issued',
  'account_created',
  'account_disabled',
  'account_enabled',
  'account_deleted',
  'admin_granted',
  'admin_revoked',
  'invitation_created',
  'invitation_revoked',
  'invitation_accepted',
  'api_token_created',
  'api_token_revoked',
] as const;

export type AccountEventName = (typeof ACCOUNT_EVENTS)[number];

/** Who did it: a signed-in user (by id), or the operator at the server's command line. */
export type AccountActor = number | 'administrator';

/** What the log shows for the command-line operator. */
export const COMMAND_LINE = 'command line';
