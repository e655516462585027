// The pure parts of the sign-in flows: PKCE, the authorize URL, token error details, pasted
// callback URLs, the workspace check and the callback pages.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, resolveOriginator } from '../../../src/oauth/authorizeUrl.js';
import { escapeHtml, findAsset, renderErrorPage, renderSuccessPage } from '../../../src/oauth/callbackPages.js';
import { parsePastedCallbackUrl } from '../../../src/oauth/callbackUrl.js';
import { workspaceRestriction } from '../../../src/oauth/finishLogin.js';
import { cleanPastedText } from '../../../src/oauth/pastedText.js';
import { generatePkce, generateState } from '../../../src/oauth/pkce.js';
import { tokenErrorDetail } from '../../../src/oauth/tokenExchange.js';
import type { LoginError } from '../../../src/oauth/types.js';
import { makeIdToken } from '../../support/jwt.js';

describe('PKCE and state', () => {
  it('uses a 64-byte verifier with its S256 challenge and a 32-byte state, all base64url', () => {
    const { verifier, challenge } = generatePkce();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(generateState()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generatePkce().verifier).not.toBe(verifier);
  });
});

describe('authorize URL', () => {
  const input = {
    authorizeUrl: 'https://auth.openai.com/oauth/authorize',
    clientId: 'app_EMoamEEZ73f0CkXaXp7hrann',
    redirectUri: 'http://localhost:1455/auth/callback',
    codeChallenge: 'CHALLENGE',
    state: 'STATE',
    originator: 'codex_cli_rs',
  };

  it('has exactly the real parameters, in order, percent-encoded', () => {
    expect(buildAuthorizeUrl(input)).toBe(
      'https://auth.openai.com/oauth/authorize?response_type=code&client_id=app_EMoamEEZ73f0CkXaXp7hrann' +
        '&redirect_uri=http%3A%2F%2Flocalhost%3A1455%2Fauth%2Fcallback' +
        '&scope=openid%20profile%20email%20offline_access%20api.connectors.read%20api.connectors.invoke' +
        '&code_challenge=CHALLENGE&code_challenge_method=S256&id_token_add_organizations=true' +
        '&codex_cli_simplified_flow=true&state=STATE&originator=codex_cli_rs',
    );
    expect(buildAuthorizeUrl({ ...input, allowedWorkspaceIds: [] })).not.toContain('allowed_workspace_id');
    expect(buildAuthorizeUrl({ ...input, allowedWorkspaceIds: ['a', 'b'] })).toMatch(/&originator=codex_cli_rs&allowed_workspace_id=a%2Cb$/);
  });

  it('takes the originator from the override, then the caller, then the default', () => {
    expect(resolveOriginator({}, undefined)).toBe('codex_cli_rs');
    expect(resolveOriginator({}, 'codex-tui')).toBe('codex-tui');
    expect(resolveOriginator({ CODEX_INTERNAL_ORIGINATOR_OVERRIDE: 'codex_vscode' }, 'codex-tui')).toBe('codex_vscode');
  });
});

describe('token endpoint error detail', () => {
  it.each([
    ['{"error":"invalid_grant","error_description":"Code expired"}', 'Code expired'],
    ['{"error":{"message":"Nested message","code":"nested_code"}}', 'Nested message'],
    ['{"error":{"code":"only_code"}}', 'only_code'],
    ['{"error":"plain_code"}', 'plain_code'],
    ['upstream exploded', 'upstream exploded'],
    ['   ', 'unknown error'],
  ])('%s -> %s', (body, detail) => expect(tokenErrorDetail(body)).toBe(detail));
});

describe('pasted text and callback URLs', () => {
  it('strips bracketed-paste markers, whitespace, CR/LF and surrounding quotes', () => {
    expect(cleanPastedText('\x1b[200~  "sk-abc"\r\n\x1b[201~')).toBe('sk-abc');
    expect(cleanPastedText("'`x`'")).toBe('x');
    expect(cleanPastedText('[200~abc[201~')).toBe('abc');
  });

  it('reads code and state from localhost, 127.0.0.1 or a scheme-less URL, even wrapped over lines', () => {
    const params = parsePastedCallbackUrl('http://localhost:1455/auth/callback?code=ac_1&\r\nstate=st_1');
    expect([params.get('code'), params.get('state')]).toEqual(['ac_1', 'st_1']);
    expect(parsePastedCallbackUrl('127.0.0.1:1457/auth/callback?code=c&state=s').get('state')).toBe('s');
  });

  it.each([
    'https://evil.example/auth/callback?code=c&state=s',
    'http://localhost:1455/other?code=c&state=s',
    'not a url',
    'http://localhost:1455/auth/callback?code=c',
  ])('refuses %s', (text) => {
    let error: LoginError | null = null;
    try {
      parsePastedCallbackUrl(text);
    } catch (e) {
      error = e as LoginError;
    }
    expect(error?.code).toBe('invalid_callback_url');
  });
});

describe('workspace restriction', () => {
  it('allows any account without a restriction, and listed accounts with one', () => {
    const token = makeIdToken({ accountId: 'ws-2' });
    expect(workspaceRestriction(token, null)).toBeNull();
    expect(workspaceRestriction(token, ['ws-1', 'ws-2'])).toBeNull();
  });

  it('uses the real messages for other accounts and for tokens without an account id', () => {
    expect(workspaceRestriction(makeIdToken({ accountId: 'ws-9' }), ['ws-1', 'ws-2'])).toBe('Login is restricted to workspace id(s) ws-1, ws-2.');
    expect(workspaceRestriction(makeIdToken({ accountId: null }), ['ws-1'])).toBe(
      'Login is restricted to a specific workspace, but the token did not include an chatgpt_account_id claim.',
    );
  });
});

describe('callback pages', () => {
  it('escapes every value put into the error page', () => {
    const html = renderErrorPage({ title: 'T<', message: `a"b'`, code: 'c&d', description: '<script>x</script>', help: 'h>' });
    expect(html).toContain('<h1>T&lt;</h1>');
    expect(html).toContain('a&quot;b&#39;');
    expect(html).toContain('c&amp;d');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('{{');
    expect(html).toContain('<dt>Error code</dt>');
    expect(html).toContain('<dt>Details</dt>');
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('shows the organization setup notice only when needed', () => {
    const base = { platformUrl: 'https://platform.openai.com', orgId: 'org-1', projectId: 'proj-1', plan: 'plus' };
    expect(renderSuccessPage({ ...base, needsSetup: false })).not.toContain('Finish setting up');
    const setup = renderSuccessPage({ ...base, needsSetup: true });
    expect(setup).toContain('Finish setting up your API organization');
    expect(setup).toContain('https://platform.openai.com/org-setup?p=plus&amp;with_org=org-1&amp;project_id=proj-1');
    expect(setup).not.toContain('{{');
  });

  it('finds assets/ by walking up from the module, as from a bundle in dist/', () => {
    const root = mkdtempSync(join(tmpdir(), 'codex-assets-'));
    try {
      mkdirSync(join(root, 'assets'));
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'assets', 'success.html'), 'ok');
      const fromBundle = pathToFileURL(join(root, 'dist', 'main.js')).href;
      expect(findAsset('success.html', fromBundle)).toBe(join(root, 'assets', 'success.html'));
      expect(() => findAsset('missing.html', fromBundle)).toThrow(/missing\.html was not found/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
