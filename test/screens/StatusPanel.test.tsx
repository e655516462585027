import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlanType } from '../../src/credential/plan.js';
import { startAuthority, type Authority } from '../support/authority.js';
import { ALICE, makeAccessToken, makeRefreshToken } from '../support/jwt.js';
import { KEYS, cleanupInk, renderApp } from '../support/ink.js';
import { apiKeySnapshot, chatgptSnapshot, fakeServices, type FakeServices } from '../support/fakeServices.js';
import type { AuthSnapshot } from '../../src/auth/types.js';


let authority: Authority;
beforeAll(async () => {
  authority = await startAuthority();
});
afterAll(() => authority.close());
afterEach(() => cleanupInk());

function servicesFor(snapshot: AuthSnapshot, env: NodeJS.ProcessEnv = {}): FakeServices {
  const services = fakeServices({
    snapshot, env, proxy: 'https via http://proxy.corp:8080',
    config: { chatgpt_base_url: authority.chatgptBaseUrl, openai_base_url: authority.openaiBaseUrl },
  });
  const access = makeAccessToken(ALICE);
  authority.seedAuth({ tokens: { access_token: access, refresh_token: makeRefreshToken() } });
  services.auth.accessToken = access;
  return services;
}

async function openStatus(services: FakeServices) {
  const ui = await renderApp(services, { columns: 120, rows: 50 });
  await ui.waitFor('Type / for commands');
  await ui.press('/', 's', 't', 'a', 't', 'u', 's', KEYS.enter);
  await ui.waitFor('Signed in with');
  return ui;
}

describe('/status', () => {
  it.each<[PlanType, string]>([
    ['plus', 'Plus'], ['pro', 'Pro'], ['prolite', 'Pro Lite'], ['team', 'Business'], ['business', 'Enterprise'],
    ['enterprise', 'Enterprise'], ['edu', 'Edu'], ['free', 'Free'], ['unknown', 'unknown \\(the sign-in does not say\\)'],
  ])('ChatGPT plan %s shows as %s', async (plan, shown) => {
    const ui = await openStatus(servicesFor(chatgptSnapshot({ plan })));
    const frame = await ui.waitFor(/Plan\s+\S/);
    expect(frame).toMatch(new RegExp(`Plan\\s+${shown}\\n`));
  });

  it('shows method, email, workspace, storage, token times and proxy, then usage bars from the backend', async () => {
    const now = Date.now();
    const snapshot = chatgptSnapshot({ accessTokenExpiresAt: now + 3 * 3600_000, lastRefresh: new Date(now - 2 * 3600_000).toISOString() });
    const ui = await openStatus(servicesFor(snapshot));
    const frame = await ui.waitFor('Weekly limit');
    expect(frame).toMatch(/Signed in with\s+ChatGPT/);
    expect(frame).toMatch(/Email\s+alice@example.com/);
    expect(frame).toMatch(/Workspace\s+acct-alice-0001/);
    expect(frame).toMatch(/Stored in\s+\/tmp\/codex-home\/auth.json/);
    expect(frame).toMatch(/Token expires\s+in (2h 59m|3h 0m) \(\d{4}-\d\d-\d\d \d\d:\d\d\)/);
    expect(frame).toMatch(/Last refresh\s+2h 0m ago/);
    expect(frame).toMatch(/Proxy\s+https via http:\/\/proxy.corp:8080/);
    expect(frame).toMatch(/5h limit\s+\[█████░+\] 25% used · resets/);
    expect(frame).toMatch(/Weekly limit\s+\[████████████████░░░░\] 80% used/);
    expect(frame).toContain('Credits: 5.39');
    const usage = authority.requests.filter((r) => r.path === '/backend-api/wham/usage').at(-1);
    expect(usage?.headers['chatgpt-account-id']).toBe('acct-alice-0001');
  });

  it('says when another sign-in changed the saved account', async () => {
    const snapshot = chatgptSnapshot({}, { diskAccountChanged: { email: 'bob@example.com', accountId: 'acct-bob-0002' } });
    const ui = await openStatus(servicesFor(snapshot));
    const frame = await ui.waitFor('Another sign-in changed the saved account to bob@example.com');
    expect(frame).toMatch(/Email\s+alice@example.com/);
  });

  it('API key: masked key and where it came from, and a refused key from /models', async () => {
    const services = servicesFor(apiKeySnapshot('sk-proj-***ABCDE'));
    services.auth.apiKey = 'sk-proj-not-a-valid-key-00000ABCDE';
    const ui = await openStatus(services);
    const frame = await ui.waitFor('OpenAI refused the key (401)');
    expect(frame).toMatch(/Signed in with\s+API key/);
    expect(frame).toMatch(/API key\s+sk-proj-\*\*\*ABCDE \(from \/tmp\/codex-home\/auth.json\)/);
    expect(frame).not.toContain('sk-proj-not-a-valid-key');
  });

  it('API key: a valid key is reported as accepted', async () => {
    const services = servicesFor(apiKeySnapshot('sk-proj-***ABCDE'));
    services.auth.apiKey = 'sk-proj-valid-key-000000000ABCDE';
    authority.validApiKeys.add('sk-proj-valid-key-000000000ABCDE');
    const ui = await openStatus(services);
    await ui.waitFor('✓ OpenAI accepted the key');
  });

  it('API key: an unreachable endpoint is reported as not checked', async () => {
    const services = servicesFor(apiKeySnapshot());
    services.config.openai_base_url = 'http://127.0.0.1:9/v1';
    services.auth.apiKey = 'sk-proj-valid-key-000000000ABCDE';
    const ui = await openStatus(services);
    await ui.waitFor('? Could not check the key');
  });
});
