// Colours in one place. NO_COLOR (any non-empty value) or TERM=dumb turns every colour off;
// bold and dim stay, since they carry emphasis without colour. Motion too: TERM=dumb, NO_COLOR or
// CODEX_REDUCED_MOTION=1 mean no spinner; a locale that is not UTF-8 means ASCII glyphs only.
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
}

export const colorTheme: Theme = {
  noColor: false, accent: 'cyan', success: 'green', warning: 'yellow', error: 'red', info: 'blue', motion: true, ascii: false,
};
export const plainTheme: Theme = {
  noColor: true, accent: undefined, success: undefined, warning: undefined, error: undefined, info: undefined, motion: false, ascii: false,
};

/** No spinner, no animation: a dumb terminal, NO_COLOR, or CODEX_REDUCED_MOTION=1. */
export const reducedMotion = (env: NodeJS.ProcessEnv): boolean =>
  env.TERM === 'dumb' || (env.NO_COLOR ?? '') !== '' || env.CODEX_REDUCED_MOTION === '1';

/**
 * The locale the terminal's characters are read in (LC_ALL, then LC_CTYPE, then LANG, as setlocale
 * does) names no UTF-8: only ASCII. No locale variable at all is taken as UTF-8, as terminals are.
 */
export function asciiOnly(env: NodeJS.ProcessEnv): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => (v ?? '') !== '');
  return locale !== undefined && !/utf-?8/i.test(locale);
}

export function themeFromEnv(env: NodeJS.ProcessEnv): Theme {
  const noColor = (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
  return { ...(noColor ? plainTheme : colorTheme), motion: !reducedMotion(env), ascii: asciiOnly(env) };
}

const ThemeContext = createContext<Theme>(colorTheme);

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export const useTheme = (): Theme => useContext(ThemeContext);
