import Module from 'node:module'
import path from 'node:path'
import type { PlaywrightTestConfig } from '@playwright/test'

// The Playwright packages live in frontend/node_modules (run from there:
// `cd frontend && npm run e2e`). Make them resolvable from e2e/ as well, for
// this process and the workers it starts. Only a type is imported above, so
// nothing needs resolving before this runs.
const frontendModules = path.resolve(__dirname, '..', 'frontend', 'node_modules')
if (!(process.env.NODE_PATH ?? '').split(path.delimiter).includes(frontendModules)) {
  process.env.NODE_PATH = [frontendModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter)
  ;(Module as unknown as { _initPaths: () => void })._initPaths()
}

// End-to-end tests drive the real Go backend in browser mode. Each test file
// starts its own `directdesk serve` on a fresh data folder (helpers/server.ts).
// The binary is built by `make build` (build/bin/directdesk at the repo root).
const config: PlaywrightTestConfig = {
  testDir: './tests',
  outputDir: path.resolve(__dirname, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Copenhagen',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'off',
    screenshot: 'only-on-failure',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
}

export default config
