import { agreementCommand } from './agreement';
import { memberCommand } from './member';
import { screeningCommand } from './screening';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { tokenCommand } from './token';
import { userCommand } from './user';
import type { Command } from './types';

/** Every `sift` subcommand, one line each. */
export const commands: Command[] = [
  serveCommand,
  userCommand,
  tokenCommand,
  memberCommand,
  screeningCommand,
  agreementCommand,
  simulateCommand,
];
