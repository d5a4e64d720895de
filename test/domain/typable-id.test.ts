// An import batch id is typed back (/jobbot import apply <id>); every typed text passes the CPR guard.
import { describe, expect, it } from 'vitest';
import { containsCprNumber } from '../../src/domain/cpr.js';
import { typableId } from '../../src/domain/typable-id.js';

describe('typableId', () => {
  it('draws again when a UUID would read as a CPR number', () => {
    const drawn = ['798c358b-30b9-4027-afb8-1606962625bc', '9f1c2e7a-5b3d-4c8e-a1f0-6d2b9e4c7a15'];
    expect(containsCprNumber(`/jobbot import apply ${drawn[0]}`)).toBe(true);
    expect(typableId(() => drawn.shift()!)).toBe('9f1c2e7a-5b3d-4c8e-a1f0-6d2b9e4c7a15');
  });
});
