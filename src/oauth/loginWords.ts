// Words the sign-in flows print as the real Codex CLI 0.171 does (§9.2), shared by `codex login`
// and the screens so that the two never drift apart.

/** The device-code warning of 0.171 (0.169 said "Device codes are a common phishing target. Never share this code."). */
export const DEVICE_CODE_WARNING = 'Continue only if you started this login in Codex. If a website or another person gave you this code, cancel.';
