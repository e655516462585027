// PKCE and state values for the browser flow (§3.1): S256 over a 64-byte verifier, 32-byte state.

// node:crypto on use: the picker loads the sign-in service, and its first frame must not pay for this.
const crypto = () => process.getBuiltinModule('node:crypto');

export interface PkcePair {
  verifier: string;
  challenge: string;
}

export function generatePkce(): PkcePair {
  const verifier = crypto().randomBytes(64).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

export const pkceChallenge = (verifier: string): string => crypto().createHash('sha256').update(verifier).digest('base64url');

export const generateState = (): string => crypto().randomBytes(32).toString('base64url');
