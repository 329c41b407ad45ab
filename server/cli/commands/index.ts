import { agreementCommand } from './agreement';
import { archiveCommand } from './archive';
import { backupCommand } from './backup';
import { codebookCommand } from './codebook';
import { dedupCommand } from './dedup';
import { demoCommand } from './demo';
import { exportCommand } from './export';
import { importCommand } from './import';
import { memberCommand } from './member';
import { prismaCommand } from './prisma';
import { projectCommand } from './project';
import { screeningCommand } from './screening';
import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import { synthesisCommand } from './synthesis';
import { tokenCommand } from './token';
import { userCommand } from './user';
import type { Command } from '../types';

/** Every `sift` subcommand, one line each. */
export const commands: Command[] = [
  serveCommand,
  demoCommand,
  userCommand,
  tokenCommand,
  memberCommand,
  projectCommand,
  importCommand,
  exportCommand,
  dedupCommand,
  screeningCommand,
  agreementCommand,
  codebookCommand,
  prismaCommand,
  simulateCommand,
  synthesisCommand,
  backupCommand,
  archiveCommand,
];
