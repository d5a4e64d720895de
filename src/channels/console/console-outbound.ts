// The console as an OutboundChannel: every direct message and channel post
// the outbox delivers is printed, labelled with its recipient:
//   [DM @anne] == Dagens opfølgninger ==
//   [#Demo] 🎉 En borger er kommet videre!
// A picture that goes with a post (the team chart) is written under the export
// folder and its path printed, like a CSV export.
import type { Destination, OutboundChannel, SendResult } from '../../delivery/outbound-channel.js';
import type { Reply } from '../../domain/reply.js';
import type { PrismaClient } from '../../db/types.js';
import { renderText } from './render-text.js';
import { DEFAULT_EXPORT_DIR, saveAttachment } from './save-attachment.js';

export function labelLines(label: string, text: string): string {
  return text
    .split('\n')
    .map((line) => `${label} ${line}`)
    .join('\n');
}

export function createConsoleOutbound(prisma: PrismaClient, write: (text: string) => void, exportDir = DEFAULT_EXPORT_DIR): OutboundChannel {
  const labelFor = async (destination: Destination): Promise<string | undefined> => {
    if (destination.audience === 'dm') {
      const staff = await prisma.staff.findUnique({ where: { id: destination.staffId }, select: { handle: true } });
      return staff ? `[DM @${staff.handle}]` : undefined;
    }
    const team = await prisma.team.findUnique({ where: { id: destination.teamId }, select: { name: true } });
    return team ? `[#${team.name}]` : undefined;
  };
  return {
    name: 'console',
    async canReach(destination) {
      return (await labelFor(destination)) !== undefined;
    },
    async send(destination: Destination, reply: Reply): Promise<SendResult> {
      const label = await labelFor(destination);
      if (!label) return { ok: false, error: 'unknown recipient', permanent: true };
      write(labelLines(label, renderText(reply)));
      if (reply.attachment) write(labelLines(label, await saveAttachment(exportDir, reply.attachment)));
      return { ok: true };
    },
  };
}
