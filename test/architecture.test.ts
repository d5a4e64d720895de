// The layers of src/ (README "Architecture"): dependencies point inward and
// nothing imports in a circle. Read from the import statements themselves,
// so a new file that reaches upward fails here, named, before review.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/** Which top-level rooms of src/ each room may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  generated: [],
  db: ['domain', 'generated', 'thread-worker'],
  delivery: ['db', 'domain', 'logger', 'log-safe-error', 'metrics'],
  // The team chart (PNG): reads the numbers, draws them; used by jobs and handlers.
  charts: ['db', 'domain', 'logger', 'log-safe-error'],
  jobs: ['delivery', 'db', 'domain', 'logger', 'log-safe-error', 'metrics', 'charts', 'thread-worker'],
  handlers: ['db', 'domain', 'logger', 'log-safe-error', 'metrics', 'charts'],
  channels: ['handlers', 'delivery', 'db', 'domain', 'logger', 'log-safe-error', 'metrics', 'config'],
  logger: ['domain'],
  metrics: [],
  'log-safe-error': [],
  config: [],
  // Starts the database and jobs threads (their entries, db/db-thread.ts and jobs-thread.ts, from source or the bundle).
  'thread-worker': [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** file (relative to src) → the src files it imports (type imports included: they are dependencies too). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
      relative(SRC, normalize(join(dirname(file), m[1]!))).replace(/\.js$/, '.ts'),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const roomOf = (file: string) => file.split('/')[0]!.replace(/\.ts$/, '');

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('is read from real files (the rooms exist)', () => {
    const rooms = new Set([...graph.keys()].map(roomOf));
    for (const room of ['domain', 'db', 'delivery', 'jobs', 'handlers', 'channels']) expect(rooms).toContain(room);
  });

  it('points inward only: each room imports only the rooms below it', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = roomOf(file);
      const allowed = ALLOWED[from];
      if (!allowed) continue; // the entry points (index.ts, the CLIs) wire everything
      for (const target of targets) {
        const to = roomOf(target);
        if (to !== from && !allowed.includes(to)) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no cycle', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let counter = 0;
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const v of graph.keys()) if (!index.has(v)) visit(v);
    expect(cycles).toEqual([]);
  });
});
