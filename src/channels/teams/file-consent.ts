// Files (CSV exports) in Teams: the FileConsentCard flow of the Teams bot
// APIs, which works in personal chats only. The bot sends a file consent card
// (name, size, description, Allow/Decline); Teams answers with a
// fileConsent/invoke: on accept it carries an upload URL in the user's
// OneDrive, the bot PUTs the bytes there and sends a file info card; on
// decline the file is dropped.
//
// Until then the file waits here, in memory only: keyed by a random id (the
// only thing the consent card carries back), for its owner only, for a short
// time, never written to disk or the database. A file offered by another
// instance, or before a restart, has expired: the user types the command again.
import { attachmentBytes } from '../attachment-bytes.js';
import { randomUUID } from 'node:crypto';
import type { Activity, Attachment, FileConsentCard, FileInfoCard, FileUploadInfo } from 'botbuilder';
import type { ReplyAttachment } from '../../domain/reply.js';
import type { ActivityLike } from './parse-activity.js';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';
export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';
export const DEFAULT_FILE_TTL_MS = 15 * 60_000;
const DEFAULT_MAX_FILES = 100;
const UPLOAD_TIMEOUT_MS = 10_000;

export interface PendingFile {
  id: string;
  staffId: string;
  filename: string;
  bytes: Buffer;
  expiresAt: number;
}

export interface PendingFilesOptions {
  ttlMs?: number;
  /** Files held at once; the oldest is dropped first. */
  maxFiles?: number;
  /** Real elapsed time, not the business clock (the console's :clock must not keep files alive). */
  now?: () => number;
}

/** Files offered on a consent card and not yet accepted or declined. */
export class PendingFiles {
  private readonly files = new Map<string, PendingFile>();
  readonly ttlMs: number;
  private readonly maxFiles: number;
  private readonly now: () => number;

  constructor(options: PendingFilesOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_FILE_TTL_MS;
    this.maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
    this.now = options.now ?? Date.now;
  }

  add(staffId: string, attachment: ReplyAttachment): PendingFile {
    this.prune();
    while (this.files.size >= this.maxFiles) {
      const oldest = this.files.keys().next().value;
      if (oldest === undefined) break;
      this.files.delete(oldest);
    }
    const file: PendingFile = { id: randomUUID(), staffId, filename: attachment.filename, bytes: attachmentBytes(attachment), expiresAt: this.now() + this.ttlMs };
    this.files.set(file.id, file);
    return file;
  }

  /** Takes the file out (one answer per offer) if it is this staff member's and has not expired. */
  take(id: string, staffId: string): PendingFile | undefined {
    this.prune();
    const file = this.files.get(id);
    if (!file || file.staffId !== staffId) return undefined;
    this.files.delete(id);
    return file;
  }

  /** Puts a taken file back (its upload failed: Allow may be pressed again), until it would have expired anyway. */
  restore(file: PendingFile): void {
    if (file.expiresAt > this.now()) this.files.set(file.id, file);
  }

  discard(id: string): void {
    this.files.delete(id);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, file] of this.files) if (file.expiresAt <= now) this.files.delete(id);
  }
}

/** The consent card for a pending file; only its id travels through Teams. */
export function fileConsentActivity(file: PendingFile, description: string): Partial<Activity> {
  const content: FileConsentCard = {
    description,
    sizeInBytes: file.bytes.length,
    acceptContext: { jobbotFile: file.id },
    declineContext: { jobbotFile: file.id },
  };
  const attachment: Attachment = { contentType: FILE_CONSENT_CONTENT_TYPE, name: file.filename, content };
  // The notification names the file, not "sent a card".
  return { type: 'message', summary: file.filename, attachments: [attachment] };
}

/** The card Teams shows for an uploaded file (opens it from the user's OneDrive). */
export function fileInfoActivity(upload: Required<Pick<FileUploadInfo, 'contentUrl' | 'name'>> & FileUploadInfo): Partial<Activity> {
  const content: FileInfoCard = { uniqueId: upload.uniqueId, fileType: upload.fileType };
  const attachment: Attachment = { contentType: FILE_INFO_CONTENT_TYPE, contentUrl: upload.contentUrl, name: upload.name, content };
  return { type: 'message', summary: upload.name, attachments: [attachment] };
}

export interface FileConsentAnswer {
  action: 'accept' | 'decline';
  /** Our pending file's id from the card's accept/decline context. */
  fileId: string | undefined;
  upload: FileUploadInfo | undefined;
}

export function isFileConsentInvoke(activity: ActivityLike): boolean {
  return activity.type === 'invoke' && activity.name === FILE_CONSENT_INVOKE;
}

/** The value of a fileConsent/invoke: { type: 'fileUpload', action, context, uploadInfo }. */
export function parseFileConsent(activity: ActivityLike): FileConsentAnswer | undefined {
  if (!isFileConsentInvoke(activity)) return undefined;
  const value = activity.value as { action?: unknown; context?: { jobbotFile?: unknown }; uploadInfo?: FileUploadInfo } | undefined;
  if (!value || (value.action !== 'accept' && value.action !== 'decline')) return undefined;
  const fileId = typeof value.context?.jobbotFile === 'string' ? value.context.jobbotFile : undefined;
  return { action: value.action, fileId, upload: value.uploadInfo };
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * PUTs the whole file to the upload session Teams created in the user's
 * OneDrive (one range: exports are far below the 60 MiB a range may hold).
 * The URL comes from a Bot Framework-authenticated invoke; with
 * authentication off (Emulator, tests) plain http is allowed too.
 */
export async function uploadFile(uploadUrl: string, bytes: Buffer, options: { allowHttp: boolean; fetch?: typeof fetch }): Promise<void> {
  let url: URL;
  try {
    url = new URL(uploadUrl);
  } catch {
    throw new UploadError('upload URL is not a URL');
  }
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) throw new UploadError('upload URL is not https');
  if (bytes.length === 0) throw new UploadError('empty file');
  // No explicit content-length: fetch sets it from the Buffer, and undici's fetch (installed as
  // Node's global by @slack/bolt) rejects one given by hand ("invalid content-length header").
  const response = await (options.fetch ?? fetch)(url, {
    method: 'PUT',
    headers: {
      'content-type': 'application/octet-stream',
      'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
    },
    body: bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  // Drain the body so the connection is released; its content is not needed.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new UploadError(`upload answered ${response.status}`, response.status);
}
