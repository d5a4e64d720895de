export function drawPng(spec: Record<string, unknown>, fontFiles: string[], options?: { reuseViews?: boolean }): Promise<{ png: Uint8Array; width: number; height: number }>;
export function compileSpec(vl: { compile: (spec: any) => { spec: any } }, spec: Record<string, unknown>): Record<string, unknown>;
