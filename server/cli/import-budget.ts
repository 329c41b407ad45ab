import { ValidationError } from '../domain/errors';
import { DEFAULT_IMPORT_BUDGET, IMPORT_BUDGET_SETTINGS, type ImportBudget } from '../services/import-budget';

/** The flags of the commands that import files (serve, demo, import): the reading budget. */
export const IMPORT_BUDGET_OPTIONS = {
  'import-time-limit': { type: 'string' },
  'import-memory-limit': { type: 'string' },
  'import-record-limit': { type: 'string' },
  'import-workers': { type: 'string' },
} as const;

/** The usage text of those flags. */
export const IMPORT_BUDGET_USAGE =
  '[--import-time-limit SECONDS] [--import-memory-limit MB] [--import-workers N]';

type BudgetFlags = Partial<Record<keyof typeof IMPORT_BUDGET_OPTIONS, string | boolean>>;

/**
 * The budget for reading imported files: each flag, else its environment variable
 * (SIFT_IMPORT_TIME_LIMIT, SIFT_IMPORT_MEMORY_LIMIT, SIFT_IMPORT_RECORD_LIMIT, SIFT_IMPORT_WORKERS),
 * else the default.
 */
export function importBudgetOf(flags: BudgetFlags, env: NodeJS.ProcessEnv = process.env): ImportBudget {
  const value = (flag: keyof BudgetFlags, key: keyof ImportBudget): number | undefined => {
    const text = flags[flag] ?? env[IMPORT_BUDGET_SETTINGS[key].env];
    if (text === undefined || text === '') return undefined;
    const number = Number(text);
    const whole = key !== 'timeMs';
    if (!Number.isFinite(number) || number <= 0 || (whole && !Number.isInteger(number))) {
      const from = flags[flag] !== undefined ? `--${flag}` : IMPORT_BUDGET_SETTINGS[key].env;
      throw new ValidationError(
        `${from} must be a positive ${whole ? 'whole ' : ''}number, not "${String(text)}"`,
      );
    }
    return number;
  };
  const seconds = value('import-time-limit', 'timeMs');
  const memoryMb = value('import-memory-limit', 'memoryMb');
  const maxRecords = value('import-record-limit', 'maxRecords');
  const workers = value('import-workers', 'workers');
  if (memoryMb !== undefined && memoryMb < 64)
    throw new ValidationError('the import memory limit must be at least 64 MB');
  return {
    timeMs: seconds !== undefined ? Math.round(seconds * 1000) : DEFAULT_IMPORT_BUDGET.timeMs,
    memoryMb: memoryMb ?? DEFAULT_IMPORT_BUDGET.memoryMb,
    maxRecords: maxRecords ?? DEFAULT_IMPORT_BUDGET.maxRecords,
    workers: workers ?? DEFAULT_IMPORT_BUDGET.workers,
  };
}
