// OSC 8 hyperlinks: only where the terminal is known to understand them, never with NO_COLOR,
// TERM=dumb or inside screen/tmux (which may drop or mangle the sequence). FORCE_HYPERLINK=1/0 overrides.
export function supportsHyperlinks(env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_HYPERLINK === '0') return false;
  if (env.FORCE_HYPERLINK === '1') return true;
  if ((env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb' || env.CI) return false;
  if (env.TMUX || env.STY) return false;
  if (env.WT_SESSION || env.KITTY_WINDOW_ID || env.WEZTERM_PANE || env.GHOSTTY_RESOURCES_DIR) return true;
  if (['iTerm.app', 'WezTerm', 'vscode', 'ghostty', 'Hyper'].includes(env.TERM_PROGRAM ?? '')) return true;
  if (env.TERM === 'xterm-kitty' || env.TERM === 'alacritty') return true;
  return Number(env.VTE_VERSION ?? 0) >= 5000;
}

/** The URL as its own visible text, wrapped in OSC 8 when `enabled`. */
export const hyperlink = (url: string, enabled: boolean): string =>
  enabled ? `\x1b]8;;${url}\x1b\\${url}\x1b]8;;\x1b\\` : url;
