import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, not a downloaded browser (the build machines reach no browser CDN). Without the
 * background-networking flags it floods the closed network with refused connections.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
};
