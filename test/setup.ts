// Shared test setup: React act() environment, and a clean environment so that nothing in the
// developer's shell (a real CODEX_HOME, OPENAI_API_KEY, proxies) leaks into a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
for (const name of ['CODEX_HOME', 'OPENAI_API_KEY', 'CODEX_API_KEY', 'CODEX_ACCESS_TOKEN', 'HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy', 'CI']) {
  delete process.env[name];
}
