// The Response and Headers that src/http/nodeFetch.ts returns: the Fetch API's interfaces, over a
// Node stream. Node's own Response and Headers live in its bundled undici, whose first use compiles
// about a megabyte of JavaScript: ~10 ms, plus a garbage collection, of a command whose whole
// budget is twice bare Node's start-up. These read the body straight from the socket; a web
// ReadableStream is made only when `body` is asked for, and formData() hands over to Node's Response.
import { PassThrough, Readable } from 'node:stream';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function checkHeader(name: string, value: string): void {
  if (!TOKEN.test(name)) throw new TypeError(`Headers.append: "${name}" is an invalid header name.`);
  if (/[\r\n\0]/.test(value)) throw new TypeError(`Headers.append: "${value}" is an invalid header value.`);
}

export class NodeHeaders implements Headers {
  readonly #values = new Map<string, string[]>();

  constructor(pairs: Iterable<readonly [string, string]> = []) {
    for (const [name, value] of pairs) this.append(name, value);
  }

  append(name: string, value: string): void {
    const text = String(value).trim();
    checkHeader(name, text);
    const key = name.toLowerCase();
    const list = this.#values.get(key);
    if (list) list.push(text);
    else this.#values.set(key, [text]);
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase())?.join(', ') ?? null;
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    const text = String(value).trim();
    checkHeader(name, text);
    this.#values.set(name.toLowerCase(), [text]);
  }

  /** Sorted by name, values combined, Set-Cookie once per cookie: the Fetch standard's order. */
  #list(): [string, string][] {
    const out: [string, string][] = [];
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name)!;
      if (name === 'set-cookie') for (const value of values) out.push([name, value]);
      else out.push([name, values.join(', ')]);
    }
    return out;
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.#list()) callback.call(thisArg, value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#list()[Symbol.iterator]() as IterableIterator<[string, string]>;
  }

  keys(): IterableIterator<string> {
    return this.#list().map(([name]) => name)[Symbol.iterator]() as IterableIterator<string>;
  }

  values(): IterableIterator<string> {
    return this.#list().map(([, value]) => value)[Symbol.iterator]() as IterableIterator<string>;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}

export interface NodeResponseInit {
  status: number;
  statusText: string;
  headers: NodeHeaders;
  url: string;
  redirected: boolean;
}

/**
 * The whole stream, read through its events: as `for await` would (an error or a close before the
 * end rejects), without the async-iterator machinery Node compiles on first use.
 */
function readAll(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Destroyed before anyone read it (an abort, the body timer): its error and close have been and gone.
    if (stream.errored) return reject(stream.errored);
    if (stream.destroyed && !stream.readableEnded) return reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    const chunks: Buffer[] = [];
    let ended = false;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    stream.once('error', reject);
    stream.once('close', () => {
      if (!ended) reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });
}

export class NodeResponse implements Response {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected: boolean;
  readonly type = 'basic' as const;
  #stream: Readable | null;
  #web: ReadableStream<Uint8Array> | null = null;
  #used = false;

  /** `stream`: the (decoded) body, or null for none (HEAD, 204, 304…). */
  constructor(stream: Readable | null, init: NodeResponseInit) {
    this.#stream = stream;
    this.status = init.status;
    this.statusText = init.statusText;
    this.headers = init.headers;
    this.url = init.url;
    this.redirected = init.redirected;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (!this.#stream) return null;
    this.#web ??= Readable.toWeb(this.#stream) as ReadableStream<Uint8Array>;
    return this.#web;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  async #bytes(): Promise<Buffer> {
    if (this.#used || this.#web?.locked) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    const chunks: Uint8Array[] = [];
    if (this.#web) {
      for await (const chunk of this.#web as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    } else if (this.#stream) {
      return readAll(this.#stream);
    }
    return Buffer.concat(chunks);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  /** UTF-8 with a leading byte order mark dropped, as TextDecoder (and fetch) decode; Buffer's decoder is already loaded. */
  async text(): Promise<string> {
    const text = (await this.#bytes()).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json(): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- Response.json()'s own type
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.#bytes()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    const headers: [string, string][] = [];
    this.headers.forEach((value, name) => headers.push([name, value]));
    return new Response(await this.#bytes(), { status: this.status, headers }).formData();
  }

  clone(): Response {
    if (this.#used || this.#web?.locked) throw new TypeError('Response.clone: Body has already been consumed.');
    let copy: Readable | null = null;
    if (this.#stream && !this.#web) {
      const source = this.#stream;
      const mine = new PassThrough();
      copy = new PassThrough();
      source.on('error', (error) => {
        mine.destroy(error);
        copy!.destroy(error);
      });
      source.pipe(mine);
      source.pipe(copy as PassThrough);
      this.#stream = mine;
    } else if (this.#web) {
      const [mine, theirs] = this.#web.tee();
      this.#web = mine;
      copy = Readable.fromWeb(theirs as Parameters<typeof Readable.fromWeb>[0]);
    }
    return new NodeResponse(copy, {
      status: this.status, statusText: this.statusText, headers: new NodeHeaders(this.headers as NodeHeaders), url: this.url, redirected: this.redirected,
    });
  }

  get [Symbol.toStringTag](): string {
    return 'Response';
  }
}
