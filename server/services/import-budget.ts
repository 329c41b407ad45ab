/**
 * What reading one imported file may cost. A file over budget is refused whole (nothing is
 * imported) with a message naming the limit and how to raise it. The defaults leave room for
 * real exports: a 100,000-record RIS file (180 MB) reads in about 5 s with a heap of a few
 * hundred MB (`npm run bench:hostile` measures both); the largest upload (100 MB) of the
 * formats that are read whole (CSV, XML) stays well under the memory limit.
 */
export interface ImportBudget {
  /** How long reading one file may take, in milliseconds. */
  timeMs: number;
  /** How large the reading thread's heap may grow, in MB. */
  memoryMb: number;
  /**
   * How many records one file may hold. Reading is off the request thread but storing is not
   * (one SQLite transaction on the connection that serves requests, about 40,000 records a
   * second): this bounds that pause.
   */
  maxRecords: number;
  /** How many files may be read at once, each in its own thread. */
  workers: number;
}

export const DEFAULT_IMPORT_BUDGET: ImportBudget = {
  timeMs: 120_000,
  memoryMb: 2048,
  maxRecords: 500_000,
  workers: 2,
};

/** Where the budget is set: `sift serve|demo|import` options, else environment variables. */
export const IMPORT_BUDGET_SETTINGS = {
  timeMs: { option: '--import-time-limit', env: 'SIFT_IMPORT_TIME_LIMIT', unit: 's' },
  memoryMb: { option: '--import-memory-limit', env: 'SIFT_IMPORT_MEMORY_LIMIT', unit: 'MB' },
  maxRecords: { option: '--import-record-limit', env: 'SIFT_IMPORT_RECORD_LIMIT', unit: 'records' },
  workers: { option: '--import-workers', env: 'SIFT_IMPORT_WORKERS', unit: '' },
} as const;

/** The refusal of a file that went over one of the limits: which limit, and how to raise it. */
export function overBudgetMessage(
  fileName: string,
  budget: ImportBudget,
  which: 'timeMs' | 'memoryMb' | 'maxRecords',
): string {
  const { option, env } = IMPORT_BUDGET_SETTINGS[which];
  const what =
    which === 'timeMs'
      ? `took longer than the import time limit (${budget.timeMs / 1000} s)`
      : which === 'memoryMb'
        ? `needed more memory than the import memory limit (${budget.memoryMb} MB)`
        : `found more records than the import record limit (${budget.maxRecords})`;
  return (
    `${fileName}: reading the file ${what} and was stopped; nothing was imported. ` +
    `If this is a real export, raise the limit with ${option} or ${env}.`
  );
}
