// The refusals of `forced_login_method` (§9, §10.1), worded as the real CLI says them and defined
// once for every way in: the CLI commands, the screens' flows and app-server.
export const CHATGPT_LOGIN_DISABLED = 'ChatGPT login is disabled. Use API key login instead.';
export const API_KEY_LOGIN_DISABLED = 'API key login is disabled. Use ChatGPT login instead.';
export const EXTERNAL_AUTH_DISABLED = 'External ChatGPT auth is disabled. Use API key login instead.';
