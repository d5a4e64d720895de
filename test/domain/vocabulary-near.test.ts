// Which words count as a misspelt or unknown meeting kind (issue 9): the rule that
// decides whether a word after the reference starts the note or is refused.
import { describe, expect, it } from 'vitest';
import { closestWords, isNearWord, looksLikeMeetingKind, MEETING_KIND_WORDS } from '../../src/domain/vocabulary.js';

describe('misread meeting kinds', () => {
  it.each(['trepar', 'telfon', 'Trepartsamtale', 'virksomhedsbesg', 'netvaerksmode'])('"%s" is a slip of a kind', (word) => {
    expect(isNearWord(MEETING_KIND_WORDS, word)).toBe(true);
  });
  it.each(['aftalt', 'ringede', 'videre', 'og', 'ny', 'cv', 'praktik', 'god'])('"%s" is an ordinary note word', (word) => {
    expect(isNearWord(MEETING_KIND_WORDS, word)).toBe(false);
    expect(looksLikeMeetingKind(word)).toBe(false);
  });
  it.each(['mentorsamtale', 'fællesmøde', 'faellesmoede', 'gruppemøde'])('"%s" is built like a kind', (word) => {
    expect(looksLikeMeetingKind(word)).toBe(true);
  });
  it('suggests the closest kinds first, in the user\'s language', () => {
    expect(closestWords(MEETING_KIND_WORDS, 'trepar', 'da', 1)).toEqual(['trepart']);
    expect(closestWords(MEETING_KIND_WORDS, 'telfon', 'da', 1)).toEqual(['telefon']);
    expect(closestWords(MEETING_KIND_WORDS, 'thre-party', 'en', 1)).toEqual(['three-party']);
  });
});
