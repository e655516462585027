// JSON-RPC error codes the app-server answers with (§10: invalid_request and internal_error are
// the real server's; the parse and method codes are JSON-RPC 2.0's).
export const RPC = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export const invalidRequest = (message: string) => new RpcError(RPC.INVALID_REQUEST, message);
export const internalError = (message: string) => new RpcError(RPC.INTERNAL_ERROR, message);
