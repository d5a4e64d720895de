// Who a Slack user is in jobbot, resolved once per request. asStaff wraps a
// listener's work after the ack: someone jobbot does not know (or who has
// left) is told whom to ask, where they asked, and nothing else happens; a
// staff member's work runs, and if it fails they are answered in their own
// language.
import type { Locale } from '../../domain/enums.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { identify, type Identity } from './identity.js';
import type { SlackDeps } from './slack-deps.js';

export interface StaffRequest {
  /** What is tracked and logged ("command", "action", "dm", "home"). */
  what: string;
  slackUserId: string;
  /** Says a text to someone who is not (or no longer) staff, where they asked. */
  deny: (text: string) => Promise<unknown>;
  /** Says why an acknowledged request failed, in the locale known by then. */
  fail: (text: string, locale: Locale) => Promise<unknown>;
}

/** Runs `work` as the staff member behind the Slack user, tracked until done; never rejects. */
export function asStaff(deps: SlackDeps, request: StaffRequest, work: (actor: StaffMember) => Promise<void>): Promise<void> {
  let locale: Locale = 'da';
  return deps.track(
    request.what,
    async () => {
      const identity = await who(deps, request.slackUserId);
      if (identity.kind !== 'staff') {
        await request.deny(denial(deps, identity));
        return;
      }
      locale = identity.staff.locale;
      await work(identity.staff);
    },
    { locale: () => locale, send: (text) => request.fail(text, locale) },
  );
}

/** The staff member linked to this Slack user (linked by profile e-mail on first use), or why not. */
export function who(deps: SlackDeps, slackUserId: string): Promise<Identity> {
  return identify(deps.prisma, deps.client, slackUserId, (event, fields) => deps.log(event, fields, 'warn'));
}

/** What someone jobbot does not know, or who has left, is told (in Danish: we do not know their language). */
export function denial(deps: SlackDeps, identity: Identity): string {
  return identity.kind === 'inactive' ? messagesFor('da').errors.inactiveUser : messagesFor('da').slack.unknownUser(deps.router.adminEmails.join(', '));
}
