import { existsSync } from 'node:fs';
import { AppError } from '../errors/index.js';

/**
 * Flags for a headless Chromium on a machine with no network: without the background-networking
 * ones Chromium keeps dialling Google's services and those connections fail by the dozen.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The flags, plus `--no-sandbox` when running as root (Chromium refuses its sandbox there; CI runs as root). */
export function chromiumArgs(): string[] {
  return [...CHROMIUM_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
}

/** Markup Chromium prints at the top and bottom of every page (inline styles only, no script). */
export interface PdfOptions {
  header?: string;
  footer?: string;
}

/**
 * Prints a self-contained HTML page to PDF (A4, backgrounds on) with the system's Chromium. The
 * page loads nothing from outside (charts are inline SVG), and JavaScript is off, so a report's
 * content cannot reach the network or run code while it prints.
 */
export async function renderPdf(html: string, chromiumPath: string, options: PdfOptions = {}): Promise<Buffer> {
  if (!existsSync(chromiumPath))
    throw new AppError(
      'REPORT_RENDER_FAILED',
      `No Chromium at ${chromiumPath}: install Debian's \`chromium\` package or set WARDEN_REPORTS_CHROMIUM_PATH.`,
    );
  // Loaded here, not at the top: every CLI command imports this module, few print PDFs.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs() });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    const margin = { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' };
    if (options.header === undefined && options.footer === undefined) return await page.pdf({ format: 'A4', printBackground: true, margin });
    // Chromium draws these on every page, outside the body: where a TLP label must be (FIRST TLP 2.0 §3).
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { ...margin, top: '22mm', bottom: '22mm' },
      displayHeaderFooter: true,
      headerTemplate: options.header ?? '<span></span>',
      footerTemplate: options.footer ?? '<span></span>',
    });
  } catch (err) {
    throw new AppError('REPORT_RENDER_FAILED', `Chromium could not print the report: ${(err as Error).message}`, { cause: err });
  } finally {
    await browser.close();
  }
}
