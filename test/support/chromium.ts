/** Debian's headless Chromium through playwright-core, launched as the end-to-end suite does. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH: says how to get it when it is missing. */
export function assertChromiumPresent(): string {
  const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(browserPath)) {
    throw new Error(
      `Chromium is missing at ${browserPath}: run scripts/ensure-chromium.sh, or set CHROMIUM_PATH.`,
    );
  }
  return browserPath;
}

export async function launchChromium(): Promise<Browser> {
  const browserPath = assertChromiumPresent();
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
