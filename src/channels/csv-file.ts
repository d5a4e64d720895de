// A CSV file a user sent to the bot (Slack DM, Teams 1:1 chat), read from the
// platform's download response: at most MAX_IMPORT_FILE_BYTES (a larger file
// is refused before it is read whole), then decoded as UTF-8 or, for what
// Danish Excel saves, Windows-1252. Never logs the contents.
import { MAX_IMPORT_FILE_BYTES } from '../handlers/import/import-caseload.js';

/** The file's text, or 'too-large' past the import limit (by Content-Length or by what arrived). */
export async function readCsvBody(response: Response, maxBytes = MAX_IMPORT_FILE_BYTES): Promise<string | 'too-large'> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return 'too-large';
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return 'too-large';
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decodeCsvBytes(bytes);
}

/** UTF-8 (with or without BOM); a file Danish Excel saved as "CSV (semikolonsepareret)" is Windows-1252. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
