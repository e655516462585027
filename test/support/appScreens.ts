// The app (fake services) opened on one of its sign-in screens the way a person gets there: from the
// picker, by the choice's key, with the sign-in service answering as it would. For component tests
// that start on a screen.
import { inAct, renderApp, type InkHarness } from './ink.js';
import { FakeBrowserAttempt, FakeDeviceAttempt, fakeServices, type FakeServices } from './fakeServices.js';
import { LoginError } from '../../src/oauth/types.js';

export interface OnScreen {
  services: FakeServices;
  ui: InkHarness;
}
type Size = { columns?: number; rows?: number };

async function fromPicker(choice: '1' | '2', size?: Size): Promise<OnScreen> {
  const services = fakeServices();
  const ui = await renderApp(services, size);
  await ui.waitFor('Welcome to Codex');
  await ui.press(choice);
  return { services, ui };
}

/** The device code screen, showing WXYZ-61A6. */
export async function openDeviceScreen(size?: Size): Promise<OnScreen & { attempt: FakeDeviceAttempt }> {
  const on = await fromPicker('2', size);
  const attempt = new FakeDeviceAttempt('https://auth.openai.com/codex/device', 'WXYZ-61A6', Date.now() + 15 * 60_000);
  await inAct(() => on.services.login.device.resolve(attempt));
  await on.ui.waitFor('WXYZ-61A6');
  return { ...on, attempt };
}

/** The browser screen, waiting for the callback (the authorize URL's state is `s`). */
export async function openBrowserScreen(size?: Size): Promise<OnScreen & { attempt: FakeBrowserAttempt }> {
  const on = await fromPicker('1', size);
  const attempt = new FakeBrowserAttempt('https://auth.openai.com/oauth/authorize?state=s', Date.now() + 10 * 60_000);
  await inAct(() => on.services.login.browser.resolve(attempt));
  await on.ui.waitFor('Finish signing in via your browser');
  return { ...on, attempt };
}

/** "Port 1455 is already in use", offering a device code. */
export async function openPortBusyScreen(size?: Size): Promise<OnScreen> {
  const on = await fromPicker('1', size);
  await inAct(() => on.services.login.browser.reject(new LoginError('port_busy', 'Port 1455 is in use.', 1455)));
  await on.ui.waitFor('Port 1455 is already in use');
  return on;
}

/** The authority does not offer device codes: the screen that says so, back on the picker's choices. */
export async function openDeviceNotEnabledScreen(size?: Size): Promise<OnScreen> {
  const on = await fromPicker('2', size);
  await inAct(() => on.services.login.device.reject(new LoginError('device_not_enabled', 'Device code login is not enabled.')));
  await on.ui.waitFor('Device code sign-in is not enabled');
  return on;
}
