// The baseline for the first-paint budget: the smallest Ink app, bundled like dist/ui.mjs.
import { Text, render } from 'ink';

render(<Text>Welcome</Text>);
setInterval(() => undefined, 60_000); // stays open, as a screen does, for the idle-memory floor
