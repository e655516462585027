// Newline-delimited JSON-RPC 2.0 on a pair of streams, as the real app-server speaks it: no
// "jsonrpc" member, one message per line. Requests and notifications from the client go to the
// handlers; this side can also send requests (and wait for the client's answer) and notifications.
// Nothing but protocol messages is ever written to the output stream.
import { RpcError, RPC } from './rpcError.js';
import { isRecord } from '../text/json.js';

export type RequestId = number | string;

export interface RpcHandlers {
  /** Answers a request: resolve with the result (and what to do right after it is sent) or throw an RpcError. */
  request(method: string, params: unknown, id: RequestId): Promise<{ result: unknown; after?: () => void }>;
  notification(method: string, params: unknown): void;
  /** Diagnostics for stderr (never secrets). */
  log(line: string): void;
}

/** Longer lines are refused without being buffered whole. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

const isId = (value: unknown): value is RequestId =>
  (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'string';

export class RpcConnection {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private skippingLongLine = false;
  private readonly pending = new Map<RequestId, Pending>();
  private nextId = 0;
  private closed = false;
  private inputEnded = false;

  constructor(
    private readonly write: (line: string) => void,
    private readonly handlers: RpcHandlers,
  ) {}

  /** Feeds bytes read from the client. */
  receive(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.append(chunk.subarray(start, nl));
      this.endLine();
      start = nl + 1;
    }
    this.append(chunk.subarray(start));
  }

  /** The client stopped sending: a last unterminated line still counts; it can no longer answer our requests. */
  endInput(): void {
    if (this.bufferedBytes > 0) this.endLine();
    this.inputEnded = true;
    for (const [id, waiter] of this.pending) {
      this.pending.delete(id);
      waiter.reject(new Error('the client closed the connection'));
    }
  }

  /** Nothing more is written. */
  close(): void {
    this.endInput();
    this.closed = true;
  }

  /** Notifications carry `emittedAtMs`, as the real server's do. */
  notify(method: string, params: unknown): void {
    this.send({ method, params, emittedAtMs: Date.now() });
  }

  /** Sends a request to the client; rejects on an error answer, on `signal` or when the client leaves. */
  request(method: string, params: unknown, signal?: AbortSignal): Promise<unknown> {
    if (this.inputEnded) return Promise.reject(new Error('the client closed the connection'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.pending.delete(id);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error(String(signal!.reason)));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (result) => (done(), resolve(result)),
        reject: (error) => (done(), reject(error)),
      });
      this.send({ id, method, params });
    });
  }

  private send(message: Record<string, unknown>): void {
    if (this.closed) return;
    this.write(`${JSON.stringify(message)}\n`);
  }

  private append(part: Buffer): void {
    if (part.length === 0 || this.skippingLongLine) return;
    this.bufferedBytes += part.length;
    if (this.bufferedBytes > MAX_LINE_BYTES) {
      this.buffered = [];
      this.skippingLongLine = true;
      return;
    }
    this.buffered.push(part);
  }

  private endLine(): void {
    const tooLong = this.skippingLongLine;
    const text = tooLong ? '' : Buffer.concat(this.buffered).toString('utf8');
    this.buffered = [];
    this.bufferedBytes = 0;
    this.skippingLongLine = false;
    if (tooLong) return this.reply(null, new RpcError(RPC.INVALID_REQUEST, `message is longer than ${MAX_LINE_BYTES} bytes`));
    if (text.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return this.reply(null, new RpcError(RPC.PARSE_ERROR, 'Parse error: the line is not valid JSON'));
    }
    this.dispatch(message);
  }

  private dispatch(message: unknown): void {
    if (!isRecord(message)) return this.reply(null, new RpcError(RPC.INVALID_REQUEST, 'Invalid request: expected a JSON object'));
    const { id, method } = message;
    if (typeof method !== 'string') return this.settle(message);
    if (id === undefined || id === null) {
      try {
        this.handlers.notification(method, message.params);
      } catch (error) {
        this.handlers.log(`notification ${method} failed: ${(error as Error).message}`);
      }
      return;
    }
    if (!isId(id)) return this.reply(null, new RpcError(RPC.INVALID_REQUEST, 'Invalid request: id must be an integer or a string'));
    this.handlers.request(method, message.params, id).then(
      ({ result, after }) => {
        this.send({ id, result });
        after?.();
      },
      (error: unknown) => this.reply(id, error),
    );
  }

  /** A response to one of our requests. Unknown ids are logged and dropped (there is no one to answer). */
  private settle(message: Record<string, unknown>): void {
    const { id } = message;
    const waiter = isId(id) ? this.pending.get(id) : undefined;
    if (!waiter) {
      if ('result' in message || 'error' in message) return this.handlers.log(`ignored a response to unknown request id ${JSON.stringify(id)}`);
      return this.reply(isId(id) ? id : null, new RpcError(RPC.INVALID_REQUEST, 'Invalid request: missing method'));
    }
    this.pending.delete(id as RequestId);
    if (isRecord(message.error)) {
      const { code, message: text } = message.error;
      waiter.reject(new RpcError(typeof code === 'number' ? code : RPC.INTERNAL_ERROR, typeof text === 'string' ? text : 'unknown error'));
    } else waiter.resolve(message.result);
  }

  private reply(id: RequestId | null, error: unknown): void {
    const rpc = error instanceof RpcError ? error : new RpcError(RPC.INTERNAL_ERROR, (error as Error)?.message ?? String(error));
    if (!(error instanceof RpcError)) this.handlers.log(`internal error: ${rpc.message}`);
    this.send({ id, error: { code: rpc.code, message: rpc.message } });
  }
}
