// The sign-in methods the picker offers, given the workspace's forced_login_method (§8.3), and
// which one starts highlighted: device code on remote/headless machines, the browser otherwise.
import type { Choice } from '../components/SelectList.js';

export type Method = 'browser' | 'device' | 'apikey';

export const CHATGPT_DISABLED = 'ChatGPT login is disabled';
export const API_DISABLED_LINE = 'API key login is disabled by this workspace. Sign in with ChatGPT to continue.';

export function signInChoices(forced: 'chatgpt' | 'api' | null): Choice<Method>[] {
  const chatgptAllowed = forced !== 'api';
  const choices: Choice<Method>[] = [{
    id: 'browser',
    label: 'Sign in with ChatGPT',
    description: chatgptAllowed ? 'Usage included with Plus, Pro, Business, and Enterprise plans' : CHATGPT_DISABLED,
    disabled: !chatgptAllowed,
  }];
  if (chatgptAllowed) {
    choices.push({ id: 'device', label: 'Sign in with device code', description: 'Sign in from another device with a one-time code' });
  }
  if (forced !== 'chatgpt') choices.push({ id: 'apikey', label: 'Use an API key', description: 'Pay for what you use' });
  return choices;
}

export function defaultChoice(choices: readonly Choice<Method>[], remote: boolean): number {
  const preferred: Method = remote ? 'device' : 'browser';
  const index = choices.findIndex((c) => c.id === preferred && !c.disabled);
  if (index >= 0) return index;
  return Math.max(0, choices.findIndex((c) => !c.disabled));
}
