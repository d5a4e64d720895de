// autocannon ships no types: the part bench/slack-load.ts uses.
declare module 'autocannon' {
  interface Histogram {
    p50: number;
    p99: number;
    max: number;
    mean: number;
  }
  interface Result {
    latency: Histogram;
    non2xx: number;
    errors: number;
  }
  interface Options {
    url: string;
    connections?: number;
    amount?: number;
    duration?: number;
    requests?: Array<{ method?: string; setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }>;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
