export function drawPng(spec: Record<string, unknown>, fontFiles: string[]): Promise<{ png: Uint8Array; width: number; height: number }>;
