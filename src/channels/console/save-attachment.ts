// The console's way to hand over a reply's file (CSV exports, the team chart PNG): write it under
// the export folder (DATA_DIR/exports by default) and say where.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ReplyAttachment } from '../../domain/reply.js';
import { attachmentBytes } from '../attachment-bytes.js';

export const DEFAULT_EXPORT_DIR = join('data', 'exports');

/** Writes the file and returns the line to print: "  → /abs/path/file.csv (1.2 kB)". */
export async function saveAttachment(dir: string, attachment: ReplyAttachment): Promise<string> {
  await mkdir(dir, { recursive: true });
  // basename: a file name from a reply never chooses the folder.
  const path = resolve(dir, basename(attachment.filename));
  const bytes = attachmentBytes(attachment);
  await writeFile(path, bytes);
  return `  → ${path} (${formatSize(bytes.length)})`;
}

export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}
