/** Debian's headless Chromium through playwright-core, launched as the end-to-end suite does. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
  const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(browserPath)) {
    throw new Error(
      `Chromium is missing at ${browserPath}: run scripts/ensure-chromium.sh, or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: browserPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
