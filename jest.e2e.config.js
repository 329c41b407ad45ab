/** Browser tests: Playwright driving Debian's /usr/bin/chromium, one worker so servers do not compete. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // citation-js's node-fetch is an ES module Jest cannot require (see the file).
  moduleNameMapper: { '^node-fetch$': '<rootDir>/tests/support/node-fetch.cjs' },
  testTimeout: 120000,
  maxWorkers: 1,
};
