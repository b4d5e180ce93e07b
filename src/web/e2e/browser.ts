// Debian's Chromium driven by playwright-core (never a downloaded browser), axe-core on every page,
// and screenshots at laptop and tablet widths under test-results/.
import type { AxeResults } from 'axe-core';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const WIDTHS = [1280, 768] as const;
export const RESULTS_DIR = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Chromium with a fresh profile (--user-data-dir in a new temporary folder). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (never playwright install)`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'linkwork-chromium-'));
  // launchPersistentContext is playwright's way to pass --user-data-dir. The app's CSP refuses inline
  // scripts; bypassCSP lets the test inject axe-core.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: WIDTHS[0], height: 900 },
    bypassCSP: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(5000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly string[];
}

export interface AxePageResult {
  readonly page: string;
  readonly width: number;
  readonly url: string;
  readonly passes: number;
  readonly violations: readonly AxeViolation[];
}

/** Every axe run of the suite, written to test-results/e2e/axe.json at the end. */
export const AXE_LOG: AxePageResult[] = [];

/** Runs axe-core (default rules: WCAG 2.x A/AA and best practices) on the page as it is now. */
export async function runAxe(page: Page, name: string, width: number): Promise<AxePageResult> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  const raw = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
    const r = await axe.run(document);
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      })),
    };
  });
  const result = { page: name, width, url: new URL(page.url()).pathname, ...raw };
  AXE_LOG.push(result);
  return result;
}

/** Serious and critical violations, as readable lines (empty when there are none). */
export function blocking(result: AxePageResult): string[] {
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${result.page} @${result.width}px: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.join(', ')})`,
    );
}

/**
 * Checks one page at both widths: axe at each, and a full-page screenshot at each
 * (test-results/e2e/<name>-<width>.png). Returns the blocking violations found.
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    problems.push(...blocking(await runAxe(page, name, width)));
    await page.screenshot({ path: join(RESULTS_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  return problems;
}

/** Writes the axe log and returns a one-line-per-page summary. */
export async function writeAxeLog(): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, 'axe.json'), `${JSON.stringify(AXE_LOG, null, 2)}\n`);
  return AXE_LOG.map((r) => {
    const counts = new Map<string, number>();
    for (const v of r.violations) {
      counts.set(v.impact ?? 'unknown', (counts.get(v.impact ?? 'unknown') ?? 0) + 1);
    }
    const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
    return `${r.page.padEnd(24)} ${String(r.width).padStart(4)}px  ${r.passes} rules passed, violations: ${summary === '' ? 'none' : `${summary} (${r.violations.map((v) => v.id).join(', ')})`}`;
  }).join('\n');
}
