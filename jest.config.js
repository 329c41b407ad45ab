/** Unit and integration tests; the browser suite has its own config (jest.e2e.config.js). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/tests/integration/**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // citation-js's node-fetch is an ES module Jest cannot require (see the file).
  moduleNameMapper: { '^node-fetch$': '<rootDir>/tests/support/node-fetch.cjs' },
  // Tests that run `node bin/sift.js` need dist/cli.js built from these sources.
  globalSetup: '<rootDir>/tests/support/build-cli.ts',
  testTimeout: 30000,
};
