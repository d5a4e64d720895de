// What of an error may reach a log line: its code and first line only.
// Prisma puts the call's arguments (a note, a reference) on later lines.
const MAX_LENGTH = 200;

export function logSafeError(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  const code = 'code' in error && typeof error.code === 'string' ? `${error.code}: ` : '';
  const firstLine = (error.message.split('\n').find((line) => line.trim() !== '') ?? error.name).trim();
  return `${code}${firstLine}`.slice(0, MAX_LENGTH);
}
