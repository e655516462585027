// Colours in one place. NO_COLOR (any non-empty value) or TERM=dumb turns every colour off;
// bold and dim stay, since they carry emphasis without colour.
import { createContext, useContext, type ReactNode } from 'react';

export interface Theme {
  noColor: boolean;
  accent: string | undefined;
  success: string | undefined;
  warning: string | undefined;
  error: string | undefined;
  info: string | undefined;
}

export const colorTheme: Theme = {
  noColor: false, accent: 'cyan', success: 'green', warning: 'yellow', error: 'red', info: 'blue',
};
export const plainTheme: Theme = {
  noColor: true, accent: undefined, success: undefined, warning: undefined, error: undefined, info: undefined,
};

export function themeFromEnv(env: NodeJS.ProcessEnv): Theme {
  const noColor = (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
  return noColor ? plainTheme : colorTheme;
}

const ThemeContext = createContext<Theme>(colorTheme);

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export const useTheme = (): Theme => useContext(ThemeContext);
