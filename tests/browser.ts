/**
 * The Chromium the browser tests drive (playwright-core never downloads one): found by
 * scripts/test-machine.mjs — $KYOYAKU_CHROMIUM, else chromium, chromium-browser,
 * google-chrome or google-chrome-stable on PATH.
 */
import { findChromium, setupCommand } from "../scripts/test-machine.mjs";

/** Flags for a headless Chromium that talks to nothing but the page it is given. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/**
 * The browser's path, or an error saying what is missing and the one command to run.
 *
 * @example
 * chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS });
 */
export function chromiumPath(): string {
  const found = findChromium();
  if (found.path !== undefined) return found.path;
  throw new Error(`${found.error}: ${setupCommand()}`);
}
