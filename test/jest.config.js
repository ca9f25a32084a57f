/**
 * Cross-package tests at the repo root. `browser/`: the H5 build in Debian's chromium (playwright-core)
 * against the real server (server/dist) on MariaDB (or SQLite), started by the test itself. Run by
 * scripts/test.mjs after it has built the server and the H5 app; by hand:
 *
 *   npx jest -c test/jest.config.js                  # needs server/dist and miniapp/dist/h5 built
 *   DB_TYPE=mariadb DATABASE_URL=mysql://… npx jest -c test/jest.config.js
 *   HUIMIN_SCREENSHOTS=docs npx jest -c test/jest.config.js   # also refresh docs/screenshots
 */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/browser/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // One browser flow: steps depend on each other; a busy 2-core machine needs generous waits.
  testTimeout: 180000,
  maxWorkers: 1,
}
