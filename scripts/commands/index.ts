import { memberCommand } from './member';
import { serveCommand } from './serve';
import { tokenCommand } from './token';
import { userCommand } from './user';
import type { Command } from './types';

/** Every `sift` subcommand, one line each. */
export const commands: Command[] = [serveCommand, userCommand, tokenCommand, memberCommand];
