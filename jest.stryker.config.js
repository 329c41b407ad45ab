/**
 * The unit suite as Stryker runs it (npm run test:mutation): the pure-core tests only, no CLI
 * build. Mutants live in server/domain, where the unit tests reach them in milliseconds; the
 * integration suite would load the whole app for every mutant. `server` is a root so Jest can
 * find the tests related to a mutated file (--findRelatedTests).
 */
const base = require('./jest.config.js');

module.exports = {
  testEnvironment: base.testEnvironment,
  // Transpile only: the type check is `npm run typecheck`'s job, and skipping it here makes each
  // of the hundreds of Jest runs Stryker starts several times faster.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  roots: ['<rootDir>/tests', '<rootDir>/server'],
  testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
  // The guard target runs integration tests, which load citation-js (see jest.config.js).
  moduleNameMapper: base.moduleNameMapper,
  testTimeout: base.testTimeout,
};
