// The pages the callback server shows in the browser, rendered from assets/*.html. Every value
// put into a page is HTML-escaped; the pages never contain tokens, codes or state.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds assets/<name> by walking up from this module: src/oauth/ under vitest, dist/ in the
 * esbuild bundle. Both end at the package folder, which holds assets/.
 */
export function findAsset(name: string, from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'assets', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Codex asset ${name} was not found next to ${fileURLToPath(from)}`);
    dir = parent;
  }
}

const templates = new Map<string, string>();
function template(name: string): string {
  let text = templates.get(name);
  if (text === undefined) {
    text = readFileSync(findAsset(name), 'utf8');
    templates.set(name, text);
  }
  return text;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Replaces `{{name}}` with already-safe HTML. */
const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);

export interface ErrorPage {
  title: string;
  message: string;
  code: string;
  description: string;
  help: string;
}

export function renderErrorPage(page: ErrorPage): string {
  return fill(template('error.html'), {
    error_title: escapeHtml(page.title),
    error_message: escapeHtml(page.message),
    error_code: escapeHtml(page.code),
    error_description: escapeHtml(page.description),
    error_help: escapeHtml(page.help),
  });
}

export interface SuccessPage {
  /** The API organization still needs a payment method (owner who has not finished onboarding). */
  needsSetup: boolean;
  platformUrl: string;
  orgId: string | null;
  projectId: string | null;
  plan: string | null;
}

export function renderSuccessPage(page: SuccessPage): string {
  let notice = '';
  if (page.needsSetup) {
    const link = new URL('/org-setup', page.platformUrl);
    if (page.plan) link.searchParams.set('p', page.plan);
    if (page.orgId) link.searchParams.set('with_org', page.orgId);
    if (page.projectId) link.searchParams.set('project_id', page.projectId);
    notice =
      '<section class="setup" aria-labelledby="setup-title"><h2 id="setup-title">Finish setting up your API organization</h2>' +
      `<p>Add a payment method to use your organization. <a href="${escapeHtml(link.toString())}">Open the setup page</a></p></section>`;
  }
  return fill(template('success.html'), { setup_notice: notice });
}
