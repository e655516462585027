// Extra trusted CAs for networks that re-sign TLS (corporate proxies). Node's own roots plus the PEM
// files named by NODE_EXTRA_CA_CERTS, SSL_CERT_FILE and CODEX_CA_CERTIFICATE. Passing `ca` to a TLS
// connection replaces Node's default list, so NODE_EXTRA_CA_CERTS has to be re-added here by hand.
import { MIB, readBoundedFileSync } from '../platform/boundedRead.js';
import { rootCertificates } from 'node:tls';

export const CA_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'CODEX_CA_CERTIFICATE'] as const;

export class CaBundleError extends Error {
  readonly code = 'CODEX_CA_BUNDLE';
}

/** The largest CA bundle read (a full system bundle is about 200 KB). */
export const MAX_CA_BUNDLE_BYTES = 10 * MIB;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The CA list to pass to TLS, or null to keep Node's defaults (no variable set). Throws CaBundleError. */
export function loadExtraCaBundle(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readBoundedFileSync(path, MAX_CA_BUNDLE_BYTES),
): string[] | null {
  const extra: string[] = [];
  for (const name of CA_VARIABLES) {
    const path = env[name]?.trim();
    if (!path) continue;
    let text: string;
    try {
      text = readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      if (code === 'ENOTREG' || code === 'EFBIG') throw new CaBundleError(`${name}: ${(error as Error).message}: point it to a PEM file or unset ${name}.`);
      throw new CaBundleError(`${name} points to ${path}, which cannot be read (${code}): fix the path or unset ${name}.`);
    }
    const blocks = text.match(PEM_BLOCK);
    if (!blocks) {
      throw new CaBundleError(`${name} points to ${path}, which holds no PEM certificates: use a PEM bundle or unset ${name}.`);
    }
    extra.push(...blocks);
  }
  return extra.length ? [...rootCertificates, ...extra] : null;
}

/** Which CA variables are set, for diagnostics (names only, never contents). */
export const caSources = (env: NodeJS.ProcessEnv): string[] => CA_VARIABLES.filter((name) => env[name]?.trim());
