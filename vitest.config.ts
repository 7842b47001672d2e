import { defineConfig } from 'vitest/config';

// Integration tests share one PostgreSQL database, prepared once by the global setup.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'connectors/**/*.test.ts', 'domain/**/*.test.ts', 'platform/**/*.test.ts', 'workers/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
