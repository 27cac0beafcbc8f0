import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A test that asserts nothing cannot fail: every test must make at least one assertion.
    setupFiles: ['./test/setup-assert.ts'],
    // Builds dist/ when it is missing or stale, so the package tests never skip or test old code.
    globalSetup: ['./test/global-build.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
