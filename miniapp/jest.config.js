/**
 * Unit tests for the mini-program's hooks and services, beside the code (*.spec.ts / *.spec.tsx).
 * jsdom + @testing-library/react; only Taro's platform APIs (storage, system info) are replaced
 * (test/taro-mock.ts). The rules engine is the real one (@huimin/shared, built in shared/dist).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  transform: {
    '^.+\\.(ts|tsx)$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro-mock.ts',
    '\\.(css|scss)$': '<rootDir>/test/style-stub.js',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
}
