// A test client for `codex app-server`: spawns the real built binary, speaks newline-delimited
// JSON-RPC over its stdio, answers server -> client requests, and checks every message both ways
// against the real CLI's JSON Schema (test/appserver/schema, copied from the 0.171 bundle).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { BIN, ROOT, baseEnv } from '../cli/runCodex.js';

type Json = Record<string, unknown>;
export interface RpcResponse {
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string };
}

const SCHEMA_DIR = join(ROOT, 'test', 'appserver', 'schema');
const ajv = new Ajv({ strict: false, validateFormats: false });
const schemas = new Map<string, ValidateFunction>();
for (const file of readdirSync(SCHEMA_DIR)) {
  if (file.endsWith('.json')) schemas.set(file.replace(/\.json$/, ''), ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'))));
}

/** Schema of each method's params and result, and of each notification (README of the bundle). */
const METHOD_SCHEMAS: Record<string, { params?: string; result?: string }> = {
  initialize: { params: 'InitializeParams', result: 'InitializeResponse' },
  'account/read': { params: 'GetAccountParams', result: 'GetAccountResponse' },
  'account/login/start': { params: 'LoginAccountParams', result: 'LoginAccountResponse' },
  'account/login/cancel': { params: 'CancelLoginAccountParams', result: 'CancelLoginAccountResponse' },
  'account/logout': { result: 'LogoutAccountResponse' },
  'account/rateLimits/read': { result: 'GetAccountRateLimitsResponse' },
  'account/chatgptAuthTokens/refresh': { params: 'ChatgptAuthTokensRefreshParams', result: 'ChatgptAuthTokensRefreshResponse' },
};
const NOTIFICATION_SCHEMAS: Record<string, string> = {
  'account/updated': 'AccountUpdatedNotification',
  'account/login/completed': 'AccountLoginCompletedNotification',
  'account/rateLimits/updated': 'AccountRateLimitsUpdatedNotification',
};

export interface StartOptions {
  home: string;
  env?: Record<string, string | undefined>;
  /** Send initialize + initialized first (default true). */
  initialize?: boolean;
  experimentalApi?: boolean;
}

export type ServerRequestHandler = (params: Json) => unknown | Promise<unknown>;
/** Returned by a handler: answer with this JSON-RPC error instead of a result. */
export class RpcReplyError {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}
/** Returned by a handler: never answer. */
export const NO_ANSWER = Symbol('no answer');

export class AppServerClient {
  /** Every message the server wrote, in order. */
  readonly received: Json[] = [];
  /** Schema violations found in either direction. */
  readonly schemaErrors: string[] = [];
  /** Lines on stdout that are not JSON: must stay empty. */
  readonly junk: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private nextId = 1;
  private buffer = '';
  private readonly waiters: { match: (m: Json) => boolean; resolve: (m: Json) => void }[] = [];
  private readonly consumed = new Set<Json>();
  private readonly handlers = new Map<string, ServerRequestHandler>();
  private readonly sentMethods = new Map<number | string, string>();

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  }

  /** Sends a request, as it is, and waits for its response (result or error). */
  request(method: string, params?: unknown): Promise<RpcResponse> {
    const id = this.nextId++;
    this.sentMethods.set(id, method);
    const response = this.waitFor((m) => m.id === id && !('method' in m));
    this.write({ id, method, ...(params === undefined ? {} : { params }) });
    return response as unknown as Promise<RpcResponse>;
  }

  /** A request whose result is expected (throws with the error otherwise). */
  async call<T = Json>(method: string, params?: unknown): Promise<T> {
    // Requests expected to succeed must be valid by the schema (bad input is sent with request()).
    this.check(METHOD_SCHEMAS[method]?.params, params ?? {}, `${method} params`);
    const response = await this.request(method, params);
    if (response.error) throw new Error(`${method} failed: ${response.error.code} ${response.error.message}`);
    return response.result as T;
  }

  notify(method: string, params?: unknown): void {
    this.write({ method, ...(params === undefined ? {} : { params }) });
  }

  writeRaw(text: string): void {
    this.child.stdin.write(text);
  }

  /** Waits for the next notification `method` not yet taken by an earlier call. */
  notification(method: string, match: (params: Json) => boolean = () => true): Promise<Json> {
    return this.waitFor((m) => m.method === method && !('id' in m) && match((m.params ?? {}) as Json)).then((m) => m.params as Json);
  }

  /** Notifications received so far, by method. */
  notifications(method?: string): Json[] {
    return this.received.filter((m) => !('id' in m) && (method === undefined || m.method === method)).map((m) => m.params as Json);
  }

  /** Answers server -> client requests of `method` with the handler's value. */
  onRequest(method: string, handler: ServerRequestHandler): void {
    this.handlers.set(method, handler);
  }

  /** Closes stdin and waits for the exit code. */
  async close(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private write(message: Json): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private waitFor(match: (m: Json) => boolean): Promise<Json> {
    const seen = this.received.find((m) => !this.consumed.has(m) && match(m));
    if (seen) {
      this.consumed.add(seen);
      return Promise.resolve(seen);
    }
    // A server that exits (or never started) fails the wait with what it said, instead of a timeout.
    const gone = this.exited.then((code) => {
      throw new Error(`codex app-server exited (${code}) before answering.\nstderr: ${this.stderr}`);
    });
    return Promise.race([new Promise<Json>((resolve) => this.waiters.push({ match, resolve })), gone]);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl !== -1; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let message: Json;
      try {
        message = JSON.parse(line) as Json;
      } catch {
        this.junk.push(line);
        continue;
      }
      this.received.push(message);
      this.validate(message);
      if (typeof message.method === 'string' && 'id' in message) void this.answer(message);
      const index = this.waiters.findIndex((w) => w.match(message));
      if (index !== -1) {
        this.consumed.add(message);
        this.waiters.splice(index, 1)[0]!.resolve(message);
      }
    }
  }

  private async answer(message: Json): Promise<void> {
    const handler = this.handlers.get(message.method as string);
    if (!handler) return this.write({ id: message.id, error: { code: -32601, message: 'no handler in test' } });
    const value = await handler((message.params ?? {}) as Json);
    if (value === NO_ANSWER) return;
    if (value instanceof RpcReplyError) return this.write({ id: message.id, error: { code: value.code, message: value.message } });
    this.write({ id: message.id, result: value });
  }

  private validate(message: Json): void {
    if (typeof message.method === 'string') {
      const name = 'id' in message ? METHOD_SCHEMAS[message.method]?.params : NOTIFICATION_SCHEMAS[message.method];
      if (!name) return void this.schemaErrors.push(`unknown message from server: ${message.method}`);
      return this.check(name, message.params, message.method);
    }
    if (message.error) return;
    const method = this.sentMethods.get(message.id as number);
    const name = method ? METHOD_SCHEMAS[method]?.result : undefined;
    if (name) this.check(name, message.result, `${method} result`);
  }

  private check(name: string | undefined, value: unknown, what: string): void {
    if (!name) return;
    const validate = schemas.get(name)!;
    if (!validate(value)) this.schemaErrors.push(`${what} does not match ${name}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)}`);
  }
}

export async function startAppServer(options: StartOptions): Promise<AppServerClient> {
  const env = Object.fromEntries(
    Object.entries({ ...baseEnv(options.home), CODEX_LOGIN_PORT: '0', ...options.env }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  const child = spawn(process.execPath, [BIN, 'app-server'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const client = new AppServerClient(child);
  if (options.initialize !== false) {
    await client.call('initialize', { clientInfo: { name: 'codex-test', version: '1.0.0' }, capabilities: { experimentalApi: options.experimentalApi ?? false } });
    client.notify('initialized');
  }
  return client;
}
