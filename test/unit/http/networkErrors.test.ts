// Each network failure becomes one line that says what to do, and never quotes a secret.
import { expect, it } from 'vitest';
import { describeNetworkError } from '../../../src/http/networkErrors.js';

const URL_ = 'https://auth.openai.com/oauth/token?code=abc123secret';
const fetchFailed = (cause: object) => new TypeError('fetch failed', { cause });
const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

it.each([
  [withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND auth.openai.com'), /^Could not resolve auth\.openai\.com: check your internet connection and DNS/],
  [withCode('UND_ERR_CONNECT_TIMEOUT'), /^auth\.openai\.com did not answer in time: check your connection or proxy settings/],
  [withCode('ECONNRESET'), /^The connection to auth\.openai\.com was closed unexpectedly: a proxy or firewall may be interfering/],
  [withCode('SELF_SIGNED_CERT_IN_CHAIN'), /set CODEX_CA_CERTIFICATE to your proxy's CA bundle/],
  [withCode('CERT_HAS_EXPIRED'), /has expired: check your system clock/],
  [Object.assign(new AggregateError([withCode('ECONNREFUSED')]), {}), /^Could not connect to auth\.openai\.com: connection refused\./],
])('%s', (cause, expected) => {
  const line = describeNetworkError(fetchFailed(cause), URL_);
  expect(line).toMatch(expected);
  expect(line).not.toContain('\n');
  expect(line).not.toContain('abc123secret');
});

it('a timeout signal is a timeout', () => {
  const error = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  expect(describeNetworkError(error, URL_)).toMatch(/did not answer in time/);
});

it('unknown failures keep their detail with secret URL parameters redacted', () => {
  const error = fetchFailed(new Error('weird failure at https://x.test/cb?state=s3cr3t&ok=1'));
  const line = describeNetworkError(error, URL_);
  expect(line).toContain('Network error talking to auth.openai.com: weird failure at https://x.test/cb?state=%3Credacted%3E&ok=1');
  expect(line).not.toContain('s3cr3t');
});
