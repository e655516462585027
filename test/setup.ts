// Shared test setup: React act() environment, and a clean environment so that nothing in the
// developer's shell (a real CODEX_HOME, OPENAI_API_KEY, proxies) leaks into a test.
import { afterEach, expect, vi } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
for (const name of ['CODEX_HOME', 'OPENAI_API_KEY', 'CODEX_API_KEY', 'CODEX_ACCESS_TOKEN', 'CODEX_AUTHAPI_BASE_URL', 'CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL', 'CODEX_AGENT_IDENTITY_JWKS_BASE_URL', 'HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy', 'CI']) {
  delete process.env[name];
}

// A state update React reports as "not wrapped in act(...)" happened outside what the test awaited:
// the test saw a frame that was not final. Such a warning fails the test that caused it.

// The spinner ticks on its own timer, outside anything a test awaits: a static glyph instead, for every screen test.
vi.mock('ink-spinner', () => ({ default: () => '*' }));
const actWarnings: string[] = [];
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (text.includes('not wrapped in act(')) actWarnings.push(text.split('\n')[0]!);
  consoleError(...args);
};
afterEach(() => {
  const found = actWarnings.splice(0);
  expect(found, 'React act() warnings').toEqual([]);
});
