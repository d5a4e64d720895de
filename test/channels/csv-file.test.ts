// Reading a CSV file sent to the bot (Slack DM, Teams 1:1 chat): the import's
// size limit holds whether or not the host says the size up front, and the
// text is UTF-8 or, for Danish Excel's "CSV (semikolonsepareret)", Windows-1252.
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, readCsvBody } from '../../src/channels/csv-file.js';

/** A response whose body arrives in chunks and does not say its length. */
function streamed(chunks: string[]): Response {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(chunk));
    },
  });
  return new Response(body);
}

describe('readCsvBody', () => {
  it('refuses a file over the limit by its Content-Length, and one that turns out larger while reading', async () => {
    expect(await readCsvBody(new Response('a;b\n1;2\n', { headers: { 'content-length': '8' } }), 7)).toBe('too-large');
    expect(await readCsvBody(streamed(['a;b\n', '1;2\n', '3;4\n']), 10)).toBe('too-large');
  });

  it('gives the text of a file within the limit, in however many pieces it came', async () => {
    expect(await readCsvBody(streamed(['ref;navn\n', 'C-1;', 'Ø\n']), 100)).toBe('ref;navn\nC-1;Ø\n');
    expect(await readCsvBody(new Response(''), 100)).toBe('');
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8, and Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('målgruppe;Søren'))).toBe('målgruppe;Søren');
    expect(decodeCsvBytes(Uint8Array.from(Buffer.from('målgruppe;Søren', 'latin1')))).toBe('målgruppe;Søren');
  });
});
