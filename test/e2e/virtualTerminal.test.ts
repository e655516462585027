// The e2e tests' virtual terminal honours synchronized output (DEC 2026) as real terminals do: a frame
// that arrives in pieces (the writer was preempted mid-frame on a busy machine) is never read half drawn.
import { describe, expect, it } from 'vitest';
import { VirtualTerminal } from './harness/virtualTerminal.js';

const BSU = '\x1b[?2026h';
const ESU = '\x1b[?2026l';
const ERASE_2_LINES = '\x1b[2K\x1b[1A\x1b[2K\x1b[G';

describe('virtual terminal, synchronized output', () => {
  it('shows the previous frame until the update ends, then the new one whole', () => {
    const term = new VirtualTerminal(40, 5);
    term.write(`${BSU}Waiting for the browser\r\nesc cancel${ESU}`); // a pty turns \n into \r\n
    expect(term.text()).toBe('Waiting for the browser\nesc cancel');

    term.write(BSU);
    term.write(`${ERASE_2_LINES}Port 1455 is already in use\r\n`); // the rest of the frame is still on its way
    expect(term.text()).toBe('Waiting for the browser\nesc cancel');
    expect(term.history()).toBe('Waiting for the browser\nesc cancel');
    term.write(`Port 127.0.0.1:1455 is busy.\r\nenter use a device code${ESU}`);
    expect(term.text()).toBe('Port 1455 is already in use\nPort 127.0.0.1:1455 is busy.\nenter use a device code');
  });

  it('without synchronized output every byte shows at once', () => {
    const term = new VirtualTerminal(40, 5);
    term.write('half a fr');
    expect(term.text()).toBe('half a fr');
  });

  it('a writer that dies mid-update leaves what it drew once the update is abandoned', () => {
    const term = new VirtualTerminal(40, 5);
    term.write(`${BSU}partial`);
    expect(term.text()).toBe('');
    term.endSynchronizedUpdate();
    expect(term.text()).toBe('partial');
  });
});
