/**
 * Two projects:
 *  - unit:        src/**\/*.spec.ts, no database (fast).
 *  - integration: test/**\/*.e2e-spec.ts, a real database chosen by DB_TYPE (sqlite by default;
 *                 scripts/test.mjs runs them once on SQLite and once on a throwaway MariaDB).
 * NestJS 12 is ESM-only and uses import.meta: it must go through @swc/jest too (see STACK_NOTES).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // Also ESM-only: content-disposition 3 (under @fastify/static) and cookie 2 (under light-my-request, which
  // @nestjs/platform-fastify loads); Node 20.19 require()s them, Jest needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs/|@fastify/static/node_modules/content-disposition/|content-disposition/|light-my-request/node_modules/cookie/|cookie/))'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  // Jest reads testTimeout from the global config only (a project's own testTimeout is ignored). App start-up
  // runs every migration; on a busy machine against MariaDB that takes longer than Jest's default 5 s.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
};
