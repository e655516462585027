// The root: picks the screen from the auth snapshot and the current route, owns navigation, and
// is the only caller of exit(). Ctrl+C and Ctrl+D quit from every screen (Ink's own Ctrl+C exit is
// off so that this happens through the same path, with attempts cancelled on unmount). Keys reach
// the screens through one Keyboard (components/input/Keyboard.tsx); a route change holds the keys
// typed after it until the next screen is on.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import { Keyboard, KeyboardProvider } from '../components/input/Keyboard.js';
import { storedAtOf } from '../src/auth/describe.js';
import { isLoginError } from '../src/oauth/types.js';
import { useAuth } from '../components/hooks/useAuth.js';
import { useServices } from '../components/services.js';
import { ThemeProvider, themeFromEnv } from '../components/theme.js';
import { ApiKeyScreen } from './ApiKeyScreen.js';
import { BrowserLoginScreen } from './BrowserLoginScreen.js';
import { DeviceCodeScreen } from './DeviceCodeScreen.js';
import { DeviceNotEnabledScreen } from './DeviceNotEnabledScreen.js';
import { FlowProvider, type FlowActions, type Route } from './flow.js';
import { HomeScreen } from './HomeScreen.js';
import { successLines } from './messages.js';
import { PortBusyScreen } from './PortBusyScreen.js';
import { SignInScreen } from './SignInScreen.js';

export function App() {
  const { exit } = useApp();
  const { env } = useServices();
  const { snapshot, auth } = useAuth();
  const [route, setRouteNow] = useState<Route>({ name: 'home' });
  const theme = useMemo(() => themeFromEnv(env), [env]);
  // Leaving: the screen's farewell (if it has one) is drawn as the last frame, then codex exits.
  const farewell = useRef<string | null>(null);
  const [leaving, setLeaving] = useState<{ code: number; text: string } | null>(null);
  const quit = useRef((code: number) => {
    if (farewell.current === null) return exit(code);
    const text = farewell.current;
    farewell.current = null;
    setLeaving({ code, text });
  });
  useEffect(() => {
    if (leaving) exit(leaving.code);
  }, [leaving, exit]);
  // SIGTERM quits as q does (128 + 15), with the same truthful last frame and cancelled attempts.
  useEffect(() => {
    const onTerm = () => quit.current(143);
    process.on('SIGTERM', onTerm);
    return () => {
      process.off('SIGTERM', onTerm);
    };
  }, []);
  const [keyboard] = useState(() => new Keyboard(() => quit.current(0)));
  const setRoute = useMemo(() => (next: Route) => {
    keyboard.hold();
    setRouteNow(next);
  }, [keyboard]);
  // After the new route's screen attached its key handler (children's layout effects run first).
  useLayoutEffect(() => keyboard.release(), [keyboard, route]);

  const flow = useMemo<FlowActions>(() => ({
    go: setRoute,
    quit: (code = 0) => quit.current(code),
    setFarewell: (text) => {
      farewell.current = text;
    },
    back: () => setRoute({ name: 'picker' }),
    succeeded: (success, how) => setRoute({ name: 'home', info: successLines(success, how, storedAtOf(auth.snapshot())) }),
    failed: (error) => {
      // Our own cancels (Esc, switching method) never get here: the screen is gone first. A
      // 'cancelled' that does arrive came from outside (another sign-in sent GET /cancel to this
      // callback server), so the attempt is dead and the person must not stay on its screen.
      if (isLoginError(error, 'port_busy')) {
        setRoute({ name: 'portBusy', port: error.port ?? 1455, message: error.message });
      } else if (isLoginError(error, 'device_not_enabled')) {
        setRoute({ name: 'deviceNotEnabled', message: error.message });
      } else {
        setRoute({ name: 'picker', error: error instanceof Error ? error.message : String(error) });
      }
    },
  }), [exit, auth, setRoute]);

  return (
    <ThemeProvider theme={theme}>
      <KeyboardProvider keyboard={keyboard}>
        <FlowProvider value={flow}>
          {/* No width of its own: Ink's root has the terminal's, so the frame it draws at once on a resize already has the new width. */}
          <Box flexDirection="column">
            {leaving
              ? <Text>{leaving.text}</Text>
              : <Screen route={route} status={snapshot.status} onHome={() => setRoute({ name: 'home' })} />}
          </Box>
        </FlowProvider>
      </KeyboardProvider>
    </ThemeProvider>
  );
}

function Screen({ route, status, onHome }: { route: Route; status: string; onHome: () => void }) {
  // Plain ASCII, no spinner: the first frame must not pay for Unicode width tables (see KeyHints).
  if (status === 'loading') return <Text dimColor>Loading your sign-in...</Text>;
  const signedIn = status === 'signedIn';
  switch (route.name) {
    case 'home':
      return signedIn ? <HomeScreen info={route.info ?? []} /> : <SignInScreen onHome={null} />;
    case 'picker':
      return <SignInScreen error={route.error} report={route.report} onHome={signedIn ? onHome : null} />;
    case 'browser':
      return <BrowserLoginScreen />;
    case 'device':
      return <DeviceCodeScreen />;
    case 'apikey':
      return <ApiKeyScreen />;
    case 'portBusy':
      return <PortBusyScreen port={route.port} message={route.message} />;
    case 'deviceNotEnabled':
      return <DeviceNotEnabledScreen message={route.message} />;
  }
}
