// Long loops on the scheduler's path give the event loop a turn now and then,
// so Slack acks and health checks are not held up behind a morning run at
// municipality scale (issue 15: no stall over 50 ms). In db/ because the reads
// loop over their rows too; imports nothing.

/** Resolves after the event loop has turned once (timers and I/O ran). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A checkpoint for a loop: `await pause()` in each pass yields to the event
 * loop once `budgetMs` of work has gone by since the last turn (cheap when it
 * has not).
 */
export function loopPauser(budgetMs = 20): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    const now = performance.now();
    if (now - since < budgetMs) return undefined;
    return yieldToEventLoop().then(() => {
      since = performance.now();
    });
  };
}
