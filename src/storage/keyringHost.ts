// A tiny helper process that owns the native keyring binding. Requests and answers are JSON lines
// over its stdin/stdout (secrets never appear on a command line). A call that does not answer in time
// kills the helper, so a hung keyring costs at most the timeout; the next call starts a fresh one.
// The timeout counts from the moment the helper has loaded the binding and said so: starting a Node
// process on a busy machine can take seconds, and that is not the keyring being slow.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

export class KeyringError extends Error {}

// Runs as CommonJS via `node -e`; argv[1] is the absolute path of @napi-rs/keyring.
const HOST_SOURCE = `
'use strict';
const { AsyncEntry } = require(process.argv[1]);
let pending = 0;
let closing = false;
const send = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
const settle = () => { if (--pending === 0 && closing) process.exit(0); };
require('node:readline').createInterface({ input: process.stdin })
  .on('line', async (line) => {
    pending++;
    let id = null;
    try {
      const request = JSON.parse(line);
      id = request.id;
      const entry = new AsyncEntry(request.service, request.account, { linux: { store: 'secret-service' } });
      let value = null;
      if (request.op === 'get') value = await entry.getPassword();
      else if (request.op === 'set') await entry.setPassword(request.value);
      else value = await entry.deleteCredential();
      send({ id, ok: true, value });
    } catch (error) {
      send({ id, ok: false, error: String((error && error.message) || error) });
    }
    settle();
  })
  .on('close', () => { closing = true; if (pending === 0) process.exit(0); });
send({ ready: true });
`;

/** How long the helper may take to start (Node plus the binding): generous, a busy machine is no fault. */
const START_TIMEOUT_MS = 30_000;

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** Starts the keyring's own timeout (once the helper is ready). */
  arm(): void;
}

export interface HostRequest {
  op: 'get' | 'set' | 'delete';
  service: string;
  account: string;
  value?: string;
}

class KeyringHost {
  private child: ChildProcessWithoutNullStreams | null = null;
  /** The current helper has loaded the binding. */
  private ready = false;
  private readonly waiters = new Map<number, Waiter>();
  private nextId = 1;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  call(request: HostRequest, timeoutMs: number): Promise<unknown> {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = this.child ?? this.start();
    } catch (error) {
      return Promise.reject(error instanceof KeyringError ? error : new KeyringError(String(error)));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // This timer is the only referenced handle: it keeps codex alive while a call is in flight.
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const seconds = Math.round(timeoutMs / 100) / 10;
          this.stop(new KeyringError(`the keyring did not answer within ${seconds} s (is it locked or not responding?)`));
        }, timeoutMs);
      };
      if (this.ready) arm();
      else {
        timer = setTimeout(() => {
          this.stop(new KeyringError(`the keyring helper did not start within ${START_TIMEOUT_MS / 1000} s`));
        }, START_TIMEOUT_MS);
      }
      this.waiters.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
        arm,
      });
      // Written at once: the helper reads it when it is ready.
      child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    let binding: string;
    try {
      binding = createRequire(import.meta.filename).resolve('@napi-rs/keyring');
    } catch {
      throw new KeyringError('the keyring module (@napi-rs/keyring) is not installed');
    }
    const child = spawn(process.execPath, ['-e', HOST_SOURCE, binding], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: this.env,
    });
    let stderr = '';
    // Enough to hold an error's line above its stack.
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (child === this.child) this.answer(line);
    });
    child.on('error', (error) => this.stop(new KeyringError(`could not start the keyring helper: ${error.message}`), child));
    child.on('exit', (code, signal) => {
      // The error's own line, not the stack under it or the `Node.js v20…` Node prints last.
      const lines = stderr.trim().split('\n').filter((line) => line.trim() !== '' && !/^\s+at |^Node\.js v\d/.test(line));
      const why = lines.findLast((line) => /error/i.test(line)) ?? lines.pop() ?? `exit ${signal ?? code}`;
      this.stop(new KeyringError(`the keyring helper stopped: ${why}`), child);
    });
    // An idle helper must never keep codex running.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
    this.child = child;
    this.ready = false;
    return child;
  }

  private answer(line: string): void {
    let message: { id?: number; ok?: boolean; value?: unknown; error?: string; ready?: boolean };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      return;
    }
    if (message.ready === true) {
      this.ready = true;
      for (const waiter of this.waiters.values()) waiter.arm();
      return;
    }
    const waiter = message.id === undefined ? undefined : this.waiters.get(message.id);
    if (!waiter || message.id === undefined) return;
    this.waiters.delete(message.id);
    if (message.ok) waiter.resolve(message.value ?? null);
    else waiter.reject(new KeyringError(message.error || 'unknown keyring error'));
  }

  /** Fails every call in flight and kills the helper (only `which`, when given, if it is still current). */
  private stop(error: KeyringError, which?: ChildProcessWithoutNullStreams): void {
    if (which && which !== this.child) return;
    const child = this.child;
    this.child = null;
    this.ready = false;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const waiters = [...this.waiters.values()];
    this.waiters.clear();
    for (const waiter of waiters) waiter.reject(error);
  }
}

const hosts = new Map<NodeJS.ProcessEnv, KeyringHost>();
/** One helper per environment (in practice: one per process). */
export function keyringHost(env: NodeJS.ProcessEnv = process.env): KeyringHost {
  let host = hosts.get(env);
  if (!host) hosts.set(env, (host = new KeyringHost(env)));
  return host;
}
