// Colours in one place. NO_COLOR (any non-empty value) or TERM=dumb turns every colour off;
// bold and dim stay, since they carry emphasis without colour. Motion too: TERM=dumb, NO_COLOR or
// CODEX_REDUCED_MOTION=1 mean no spinner; TERM=dumb or CODEX_REDUCED_MOTION=1 also mean plain lines
// (no cursor movement, no inverse video: a field marks its cursor with a character); a locale that
// is not UTF-8 means ASCII glyphs only.
import { createContext, useContext, type ReactNode } from 'react';

export interface Theme {
  noColor: boolean;
  accent: string | undefined;
  success: string | undefined;
  warning: string | undefined;
  error: string | undefined;
  info: string | undefined;
  /** Spinners and other animation allowed. */
  motion: boolean;
  /** Only ASCII can be shown (the locale is not UTF-8). */
  ascii: boolean;
  /** Plain appended lines, escape sequences removed (screens/terminalOutput.ts): no inverse-video cursor. */
  plain: boolean;
}

export const colorTheme: Theme = {
  noColor: false, accent: 'cyan', success: 'green', warning: 'yellow', error: 'red', info: 'blue', motion: true, ascii: false, plain: false,
};
export const plainTheme: Theme = {
  noColor: true, accent: undefined, success: undefined, warning: undefined, error: undefined, info: undefined, motion: false, ascii: false, plain: false,
};

/** No spinner, no animation: a dumb terminal, NO_COLOR, or CODEX_REDUCED_MOTION=1. */
export const reducedMotion = (env: NodeJS.ProcessEnv): boolean =>
  env.TERM === 'dumb' || (env.NO_COLOR ?? '') !== '' || env.CODEX_REDUCED_MOTION === '1';

/**
 * The locale the terminal's characters are read in (LC_ALL, then LC_CTYPE, then LANG, as setlocale
 * does) names no UTF-8: only ASCII. No locale variable at all is taken as UTF-8, as terminals are.
 */
/**
 * No cursor movement at all (TERM=dumb, CODEX_REDUCED_MOTION=1): whole lines appended as things happen.
 * Not NO_COLOR: no-color.org defines it as colours only, and many people set it in every shell.
 */
export const plainOutput = (env: NodeJS.ProcessEnv): boolean => env.TERM === 'dumb' || env.CODEX_REDUCED_MOTION === '1';

export function asciiOnly(env: NodeJS.ProcessEnv): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => (v ?? '') !== '');
  return locale !== undefined && !/utf-?8/i.test(locale);
}

export function themeFromEnv(env: NodeJS.ProcessEnv): Theme {
  const noColor = (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
  return { ...(noColor ? plainTheme : colorTheme), motion: !reducedMotion(env), ascii: asciiOnly(env), plain: plainOutput(env) };
}

const ThemeContext = createContext<Theme>(colorTheme);

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export const useTheme = (): Theme => useContext(ThemeContext);
