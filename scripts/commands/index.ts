import { agreementCommand } from './agreement';
import { dedupCommand } from './dedup';
import { memberCommand } from './member';
import { prismaCommand } from './prisma';
import { screeningCommand } from './screening';
import { serveCommand } from './serve';
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
  dedupCommand,
  prismaCommand,
];
