// help, <command> help, unknown commands, and bad input of every kind: each
// answers clearly (in the user's language) and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, openWorld, type World } from '../helpers/world.js';

describe('help and errors', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
    await w.bot.run('anne', '/citizen add E-1', '/citizen add E-2', '/citizen close E-2 andet');
    await w.bot.run('olga', '/citizen add OE-1');
  });
  afterAll(async () => w.db.close());

  describe('help', () => {
    it.each(['help', '/help', 'hjælp', '?'])('"%s" lists every command with its syntax', async (word) => {
      const out = await w.bot.run('anne', word);
      expect(out).toContain('== jobbot – kommandoer ==');
      for (const syntax of ['/citizen add <ref>', '/meeting <ref>', '/placement start <ref>', '/outcome <ref>', '/caseload', '/target <', '/targets', '/jobbot team add']) {
        expect(out).toContain(syntax);
      }
    });

    it('is in English for ida', async () => {
      const out = await w.bot.run('ida', 'help');
      expect(out).toContain('== jobbot – commands ==');
      expect(out).toContain('Log a meeting with a citizen');
      expect(out).toContain('You can also just ask, e.g. "who is overdue?"');
    });

    const topics: Array<[string, string, string]> = [
      ['/citizen help', '/citizen transfer <ref> @navn', '/borger opret C-1042 initials:AB group:jobparat'],
      ['/borger hjælp', '/citizen close <ref> <årsag>', '/borger flyt C-1042 @bo'],
      ['/meeting help', '/meeting <ref> [type] [dato] [varighed] [next:<dato>]', '/samtale C-1042 trepart i dag 45m aftalt praktik'],
      ['/samtale ?', '/meeting <ref>', '/samtale C-1042 telefon i går next:2/12'],
      ['/placement help', '/placement extend <ref> <dage|dato|days:<n>|weeks:<n>|until:<dato>>', '/praktik start C-1042 "Netto Nord" praktik hours:20'],
      ['/outcome help', '/outcome <ref> <type> [hours:<n>] [date:<dato>] [igen] [arbejdsgiver]', '/resultat C-1042 job hours:37 "Netto Nord"'],
      ['/caseload help', '/caseload team', '/sager @anne'],
      ['/target help', '/target <praktikstarter|job|samtaler|trepart|rykket-op|delmål|fastholdelse> <antal> [@navn] [måned]', '/target job 5 2026-12'],
      ['/targets help', '/targets [måned]', '/targets sidste'],
      ['/jobbot help', '/jobbot staff leave <handle>', '/jobbot team add Vest'],
      // Reminder settings, platform linking and import are part of /jobbot help too.
      ['/jobbot help', '/jobbot away until <dato>', '/jobbot team add Vest'],
      ['/jobbot help', '/jobbot link <@slackbruger|teams:<id>> <handle>', '/jobbot team add Vest'],
      ['/jobbot help', '/jobbot import <fil.csv>', '/jobbot team add Vest'],
      ['/caseload help', '/caseload export', '/sager'],
      // A command that needs arguments shows its help when it gets none.
      ['/meeting', '/meeting <ref>', '/samtale C-1042 trepart i dag 45m aftalt praktik'],
      ['/citizen', '/citizen add <ref>', '/borger C-1042'],
      ['/placement', '/placement followup <ref> afslut <årsag> [note]', '/praktik afslut C-1042 vil-ikke-betale'],
    ];
    it.each(topics)('"%s" shows the syntax with examples', async (line, syntax, example) => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', line);
      expect(out).toContain('Sådan:');
      expect(out).toContain(syntax);
      expect(out).toContain('Eksempel:');
      expect(out).toContain(example);
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('shows command help in English for ida', async () => {
      const out = await w.bot.run('ida', '/meeting help');
      expect(out).toContain('Usage:');
      expect(out).toContain('/meeting C-1042 three-party today 45m agreed internship');
    });
  });

  describe('unknown commands', () => {
    it('suggests the closest commands and writes nothing', async () => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('anne', '/targts');
      expect(out).toContain('⚠ Jeg kender ikke kommandoen "targts". Mente du: /targets, /target');
      expect(out).toContain('(Skriv `help` for at se alle kommandoer.)');
      expect(await w.bot.run('anne', '/jobot')).toContain('Mente du: /jobbot');
      expect(await w.bot.run('ida', '/jobot')).toContain('⚠ I don\'t know the command "jobot". Did you mean: /jobbot');
      // A slash marks a command: a misspelt one is never answered as a guessed question.
      const typo = await w.bot.run('anne', '/borgr C-1042');
      expect(typo).toContain('⚠ Jeg kender ikke kommandoen "borgr". Mente du: /borger');
      expect(typo).not.toContain('Sagsstamme');
      expect(await databaseState(w.prisma)).toEqual(before);
    });
  });

  describe('bad input of every kind answers clearly and changes nothing', () => {
    const cases: Array<[string, string, string, string]> = [
      ['missing reference', 'anne', '/citizen add initials:AB', '⚠ Der mangler en sagsreference (fx C-1042).'],
      ['invalid reference (no digit)', 'anne', '/citizen add ABC', '⚠ "ABC" er ikke en gyldig sagsreference. Brug bogstaver, tal og bindestreg, fx C-1042.'],
      ['invalid reference (symbols)', 'anne', '/citizen add C#1', '⚠ "C#1" er ikke en gyldig sagsreference.'],
      ['invalid reference (too long)', 'anne', `/citizen add C-${'1'.repeat(40)}`, 'er ikke en gyldig sagsreference.'],
      ['invalid initials', 'anne', '/citizen add E-9 initials:A.B.', '⚠ "A.B." er ikke gyldige initialer. Brug 1-4 bogstaver, fx AB.'],
      ['unknown target group', 'anne', '/citizen add E-9 group:rig', '⚠ "rig" er ikke en målgruppe. Vælg en af: jobparat, aktivitetsparat, uddannelsesparat, ressourceforløb, sygedagpenge, dagpenge, ledighedsydelse, fleksjob, jobafklaring, integration.'],
      ['cadence 0', 'anne', '/citizen add E-9 cadence:0', '⚠ Kadencen skal være et tal fra 1 til 180, ikke "0".'],
      ['cadence too high', 'anne', '/citizen add E-9 cadence:365', '⚠ Kadencen skal være et tal fra 1 til 180, ikke "365".'],
      ['cadence not a number', 'anne', '/citizen add E-9 cadence:ugentlig', '⚠ Kadencen skal være et tal fra 1 til 180, ikke "ugentlig".'],
      ['unknown option', 'anne', '/citizen add E-9 navn:Jens', '⚠ Ukendt tilvalg "navn:". Mulige: initials: group: cadence: caseworker: consultant:'],
      ['extra words', 'anne', '/citizen add E-9 Jens Hansen', '⚠ Jeg ved ikke, hvad jeg skal gøre med "Jens Hansen".'],
      ['unknown colleague', 'mette', '/citizen add E-9 caseworker:@nobody', '⚠ Jeg kender ingen medarbejder med @nobody.'],
      ['colleague from another team', 'mette', '/citizen add E-9 caseworker:@olga', '⚠ @olga er ikke i dit team.'],
      ['consultant who is no consultant', 'mette', '/citizen add E-9 consultant:@bo', '⚠ @bo er ikke virksomhedskonsulent.'],
      ['future meeting date', 'anne', '/meeting E-1 i morgen', '⚠ En samtale kan ikke ligge i fremtiden. Log den, når den er holdt.'],
      ['bad duration', 'anne', '/meeting E-1 duration:lang', '⚠ Jeg forstår ikke varigheden "lang". Skriv fx 45m, 45 min, 1t30m eller 1,5 time.'],
      ['unknown kind', 'anne', '/meeting E-1 kind:middag', '⚠ "middag" er ikke en samtaletype.'],
      ['closed citizen gets no meeting', 'anne', '/meeting E-2 trepart', '⚠ E-2 er afsluttet. Vender borgeren tilbage, så genåbn sagen med /borger genåbn E-2.'],
      ['citizen of another team (olga)', 'olga', '/citizen E-1', '⚠ Jeg kan ikke finde borgeren E-1 i dit team.'],
      ['meeting for another team\'s citizen', 'olga', '/meeting E-1 trepart', '⚠ Jeg kan ikke finde borgeren E-1 i dit team.'],
      ['Vest manager and Øst\'s citizen', 'mette', '/citizen OE-1', '⚠ Jeg kan ikke finde borgeren OE-1 i dit team.'],
      ['a colleague\'s citizen (card)', 'bo', '/citizen E-1', '⚠ E-1 er ikke på din sagsstamme. Kun borgerens sagsbehandler, konsulent og teamets leder har adgang.'],
      ['a colleague\'s citizen (meeting)', 'bo', '/meeting E-1 telefon', '⚠ E-1 er ikke på din sagsstamme.'],
      ['a colleague\'s citizen (placement)', 'camilla', '/placement start E-1 Jysk', '⚠ E-1 er ikke på din sagsstamme.'],
      ['a colleague\'s citizen (close)', 'ida', '/citizen close E-1 other', '⚠ E-1 is not in your caseload.'],
      ['a colleague\'s citizen (outcome)', 'bo', '/outcome E-1 job', '⚠ E-1 er ikke på din sagsstamme.'],
      ['non-manager sets a target', 'anne', '/target job 5', '⚠ Kun ledere kan gøre det.'],
      ['non-manager sees team caseload', 'bo', '/caseload team', '⚠ Kun ledere kan gøre det.'],
      ['non-admin adds staff', 'anne', '/jobbot staff add ny sagsbehandler', '⚠ Kun administratorer kan gøre det.'],
      ['non-admin manager of another team adds a team', 'olga', '/jobbot team add Olgas', '⚠ Kun administratorer kan gøre det.'],
    ];
    it.each(cases)('%s', async (_name, handle, line, expected) => {
      const before = await databaseState(w.prisma);
      const out = await w.bot.run(handle, line);
      expect(out).toContain(expected);
      expect(out.trim().startsWith('⚠')).toBe(true);
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('answers bad input in English for ida', async () => {
      await w.bot.run('ida', '/citizen add E-20');
      const before = await databaseState(w.prisma);
      const out = await w.bot.run('ida', '/meeting E-20 tomorrow', '/citizen add E-21 cadence:0', '/meeting E-20 kind:lunch', '/citizen E-1');
      expect(out).toContain('⚠ A meeting cannot be in the future. Log it once it has been held.');
      expect(out).toContain('⚠ The cadence must be a number from 1 to 180, not "0".');
      expect(out).toContain('⚠ "lunch" is not a meeting kind.');
      expect(out).toContain('⚠ E-1 is not in your caseload.');
      expect(await databaseState(w.prisma)).toEqual(before);
    });

    it('the console says who it does not know, and carries on', async () => {
      const out = await w.bot.run('nobody', '/caseload', ':as anne', '/citizen E-1');
      expect(out).toContain('(no staff member @nobody; use :as <handle>)');
      expect(out).toContain('(choose a user first: :as <handle>)');
      expect(out).toContain('(now acting as @anne, caseworker, team Vest)');
      expect(out).toContain('== Borger E-1 ==');
    });
  });
});
