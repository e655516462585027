// /logout when auth.json now holds another account (another terminal signed in since): it names whose
// credentials it would remove and asks first, or lets this session just end, removing nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, cleanupInk, renderApp } from '../support/ink.js';
import { chatgptSnapshot, fakeServices } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

async function homeWithBobOnDisk() {
  const services = fakeServices({ snapshot: chatgptSnapshot({ email: 'ada@example.com' }, { diskAccountChanged: { email: 'bob@example.com', accountId: 'acct-bob' } }) });
  const ui = await renderApp(services);
  await ui.waitFor('Type / for commands');
  await ui.press('/logout', KEYS.enter);
  const frame = await ui.waitFor('Press y to log out');
  return { services, ui, frame };
}

describe('/logout with another account in the store', () => {
  it('says whose credentials it would remove and asks; esc cancels, nothing removed', async () => {
    const { services, ui, frame } = await homeWithBobOnDisk();
    const text = frame.replace(/\s+/g, ' ');
    expect(text).toContain('The stored credentials now belong to bob@example.com, not to this session (ada@example.com).');
    expect(text).toContain('e to just end this session (nothing is removed)');
    expect(services.auth.logoutCalls).toBe(0);
    await ui.press(KEYS.escape);
    await ui.waitFor((f) => !f.includes('Press y to log out'));
    expect(services.auth.logoutCalls).toBe(0);
  });

  it('y logs out as asked', async () => {
    const { services, ui } = await homeWithBobOnDisk();
    await ui.press('y');
    await ui.waitFor('Signed out');
    expect(services.auth.logoutCalls).toBe(1);
  });

  it('e ends this session without removing anything', async () => {
    const { services, ui } = await homeWithBobOnDisk();
    await ui.press('e');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(services.auth.logoutCalls).toBe(0);
    void ui;
  });

  it('without another account on disk, /logout signs out at once', async () => {
    const services = fakeServices({ snapshot: chatgptSnapshot() });
    const ui = await renderApp(services);
    await ui.waitFor('Type / for commands');
    await ui.press('/logout', KEYS.enter);
    await ui.waitFor('Signed out');
    expect(services.auth.logoutCalls).toBe(1);
  });
});
