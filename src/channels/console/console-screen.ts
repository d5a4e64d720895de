// Where the console writes. On a pipe, lines simply follow each other. On a
// terminal, a line that arrives while the prompt waits for input (a reminder
// from the scheduler's catch-up, a celebration) is printed above the prompt,
// which is then drawn again, instead of being written into it.
import { clearLine, cursorTo, type Interface } from 'node:readline';
import type { Writable } from 'node:stream';

export interface ConsoleScreen {
  print(text: string): void;
  /** The prompt is shown and waits for a line. */
  waiting(rl: Interface): void;
  /** A line was read: output now follows the command. */
  busy(): void;
}

export function consoleScreen(output: Writable, interactive: boolean): ConsoleScreen {
  let prompt: Interface | undefined;
  return {
    print(text) {
      if (!interactive || !prompt) {
        output.write(`${text}\n`);
        return;
      }
      clearLine(output, 0);
      cursorTo(output, 0);
      output.write(`${text}\n`);
      prompt.prompt(true);
    },
    waiting(rl) {
      prompt = rl;
    },
    busy() {
      prompt = undefined;
    },
  };
}
