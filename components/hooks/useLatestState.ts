// Kept for its name: the state key handlers read lives in components/input/Keyboard.tsx
// (useKeyState), a ref that always holds the newest value and renders once per chunk of keys.
export { useKeyState as useLatestState } from '../input/Keyboard.js';
