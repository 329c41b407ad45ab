/** Browser tests: Playwright driving Debian's /usr/bin/chromium, one worker so servers do not compete. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 120000,
  maxWorkers: 1,
};
