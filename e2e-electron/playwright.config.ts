import { defineConfig } from '@playwright/test';

/**
 * Smoke tests against the real Electron app (Playwright's `_electron`). Needs the Electron
 * binary, so it is NOT part of `npm test`; run on a machine that has it:
 *   npm run build && npx playwright test -c e2e-electron/playwright.config.ts
 * (the lead wires this up as `npm run test:electron`).
 */
export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: '../test-results/electron',
});
