import { beforeEach, expect } from 'vitest';

// A test that makes no assertion cannot fail; this turns one into a failure.
beforeEach(() => {
  expect.hasAssertions();
});
