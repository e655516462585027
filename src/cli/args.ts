// Command-line parsing, by hand: a handful of commands and flags does not need a parser library,
// and every extra module costs startup time. `-c key=value` is accepted anywhere on the line.
export type HelpTopic = 'codex' | 'login' | 'login status' | 'logout' | 'app-server';

export type Command =
  | { kind: 'help'; topic: HelpTopic }
  | { kind: 'version' }
  | { kind: 'interactive' }
  | { kind: 'login'; method: 'browser' | 'device' | 'apiKey' | 'accessToken'; pasteCallback: boolean; hidden: HiddenLoginFlags }
  | { kind: 'loginStatus'; json: boolean }
  | { kind: 'logout' }
  | { kind: 'appServer' }
  /** A refusal decided from the flags alone (exact messages of the real CLI, §9), exit 1. */
  | { kind: 'refuse'; message: string };

/**
 * The real CLI's hidden `codex login` flags (§9): `--experimental_issuer URL` (device code only; the
 * browser sign-in ignores it, as the real CLI does) and `--experimental_client-id ID`.
 */
export interface HiddenLoginFlags {
  issuer: string | null;
  clientId: string | null;
}

const HIDDEN_VALUE_FLAGS = { '--experimental_issuer': 'issuer', '--experimental_client-id': 'clientId' } as const;

export interface ParsedArgs {
  command: Command;
  /** Raw `-c key=value` strings in order. */
  overrides: string[];
}

/** A malformed command line: printed with a pointer to the help, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly topic: HelpTopic = 'codex',
  ) {
    super(message);
  }
}

export const API_KEY_FLAG_REMOVED =
  'The --api-key flag is no longer supported. Pipe the key instead, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.';
export const CHOOSE_ONE_SOURCE = 'Choose one login credential source: --with-api-key or --with-access-token.';

const FLAGS: Record<HelpTopic, readonly string[]> = {
  codex: [],
  login: ['--with-api-key', '--with-access-token', '--device-auth', '--paste-callback', '--api-key', ...Object.keys(HIDDEN_VALUE_FLAGS)],
  'login status': ['--json'],
  logout: [],
  'app-server': [],
};

/** What each sign-in flag does, for conflict messages that name both sides. */
const WHAT: Record<string, string> = {
  '--with-api-key': 'reads an API key from stdin',
  '--device-auth': 'signs in with ChatGPT using a one-time code',
  '--paste-callback': 'signs in with ChatGPT in a browser and lets you paste the address it ended on',
};

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const overrides: string[] = [];
  const positionals: string[] = [];
  const flags: string[] = [];
  const hidden: HiddenLoginFlags = { issuer: null, clientId: null };
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-c' || arg === '--config') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value: ${arg} key=value`);
      overrides.push(value);
    } else if (arg.startsWith('--config=')) overrides.push(arg.slice('--config='.length));
    else if (arg.startsWith('-c') && !arg.startsWith('--')) overrides.push(arg.slice(2).replace(/^=/, ''));
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '-V' || arg === '--version') version = true;
    else if (arg === '--api-key' || arg.startsWith('--api-key=')) {
      flags.push('--api-key');
      // Swallow the key that used to follow; it must never be echoed back in an error.
      if (arg === '--api-key' && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) i++;
    } else if (Object.hasOwn(HIDDEN_VALUE_FLAGS, arg.split('=')[0]!)) {
      const name = arg.split('=')[0] as keyof typeof HIDDEN_VALUE_FLAGS;
      const value = arg.includes('=') ? arg.slice(name.length + 1) : argv[++i];
      if (value === undefined || value.trim() === '') throw new UsageError(`${name} needs a value: ${name} <${name === '--experimental_issuer' ? 'URL' : 'ID'}>`, 'login');
      flags.push(name);
      hidden[HIDDEN_VALUE_FLAGS[name]] = value.trim();
    } else if (arg.startsWith('-') && arg !== '-') flags.push(arg);
    else positionals.push(arg);
  }

  const topic = topicOf(positionals);
  if (help) return { command: { kind: 'help', topic }, overrides };
  if (version) return { command: { kind: 'version' }, overrides };
  for (const flag of flags) {
    if (topic === 'login status' && FLAGS.login.includes(flag)) {
      throw new UsageError(`${flag} cannot be used with \`codex login status\`, which only reports the current sign-in`, topic);
    }
    if (!FLAGS[topic].includes(flag)) {
      const where = topic === 'codex' ? '' : ` for \`codex ${topic}\``;
      throw new UsageError(`unknown option '${flag}'${where}`, topic);
    }
  }
  return { command: commandFor(topic, positionals, new Set(flags), hidden), overrides };
}

function topicOf(positionals: string[]): HelpTopic {
  const [first, second] = positionals;
  if (first === 'help') return topicOf(positionals.slice(1));
  if (first === 'login') return second === 'status' ? 'login status' : 'login';
  if (first === 'logout') return 'logout';
  if (first === 'app-server') return 'app-server';
  return 'codex';
}

function commandFor(topic: HelpTopic, positionals: string[], flags: Set<string>, hidden: HiddenLoginFlags): Command {
  const expected = topic === 'codex' ? 0 : topic.split(' ').length;
  if (positionals[0] === 'help') return { kind: 'help', topic };
  if (positionals.length > expected) {
    const extra = positionals[expected]!;
    throw new UsageError(
      topic === 'codex' ? `unknown command '${extra}'` : `unexpected argument '${extra}' for \`codex ${topic}\``,
      topic,
    );
  }
  if (topic === 'codex') return { kind: 'interactive' };
  if (topic === 'logout') return { kind: 'logout' };
  if (topic === 'app-server') return { kind: 'appServer' };
  if (topic === 'login status') return { kind: 'loginStatus', json: flags.has('--json') };
  return loginCommand(flags, hidden);
}

/** Dispatch order of §9: both credential sources, removed --api-key, then conflicts between methods. */
function loginCommand(flags: Set<string>, hidden: HiddenLoginFlags): Command {
  if (flags.has('--with-api-key') && flags.has('--with-access-token')) return { kind: 'refuse', message: CHOOSE_ONE_SOURCE };
  if (flags.has('--api-key')) return { kind: 'refuse', message: API_KEY_FLAG_REMOVED };
  if (flags.has('--with-access-token')) return { kind: 'login', method: 'accessToken', pasteCallback: false, hidden };
  const methods = ['--with-api-key', '--device-auth', '--paste-callback'].filter((flag) => flags.has(flag));
  if (methods.length > 1) {
    const [a, b] = methods as [string, string];
    throw new UsageError(`${a} cannot be used with ${b}: ${a} ${WHAT[a]}; ${b} ${WHAT[b]}. Choose one.`, 'login');
  }
  if (flags.has('--with-api-key')) return { kind: 'login', method: 'apiKey', pasteCallback: false, hidden };
  if (flags.has('--device-auth')) return { kind: 'login', method: 'device', pasteCallback: false, hidden };
  return { kind: 'login', method: 'browser', pasteCallback: flags.has('--paste-callback'), hidden };
}
