// The baseline for the first-paint budget: the smallest Ink app, bundled like dist/ui.mjs.
import { Text, render } from 'ink';

render(<Text>Welcome</Text>);
