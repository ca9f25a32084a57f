/**
 * Unit tests for the mini-program's hooks and services, beside the code (*.spec.ts / *.spec.tsx).
 * jsdom + @testing-library/react; Taro's platform APIs (storage, system info: test/taro-mock.ts), its
 * components (plain DOM: test/components-stub.tsx) and NutUI (test/nutui-stub.tsx) are replaced. The rules engine is the real one (@huimin/shared, built in shared/dist).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  globals: { HUIMIN_API_BASE: '' },
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
    '^@tarojs/components$': '<rootDir>/test/components-stub.tsx',
    '^@/ui/nutui$': '<rootDir>/test/nutui-stub.tsx',
    '/ui/nutui$': '<rootDir>/test/nutui-stub.tsx',
    '\\.(css|scss)$': '<rootDir>/test/style-stub.js',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
}
