// The erasure form as zod schemas keyed by block_id, so each problem shows under its input.
// Whether the case number matches the client is checked in erase.ts.
import { z } from 'zod';
import type { MessageKey } from '../../i18n/index.js';
import { parseFields, type FormInput, type Parsed } from '../../problems.js';
import { ERASE_BASES, ERASE_FORM, MAX_ERASE_REASON } from './ids.js';

const says = (key: MessageKey) => ({ error: key, abort: true });

const eraseFields = {
  [ERASE_FORM.caseNumber]: z.string(says('privacy.erase.error.mismatch')).trim().min(1, says('privacy.erase.error.mismatch')).max(100, says('privacy.erase.error.mismatch')),
  [ERASE_FORM.basis]: z.enum(ERASE_BASES, says('privacy.erase.error.basis')),
  [ERASE_FORM.reason]: z.string(says('privacy.erase.error.reason')).trim().min(1, says('privacy.erase.error.reason')).max(MAX_ERASE_REASON, says('privacy.erase.error.reason')),
};

export function parseErase(input: FormInput): Parsed<typeof eraseFields> {
  return parseFields(eraseFields, input, 'privacy.erase.error.mismatch', (key) => (key === 'privacy.erase.error.reason' ? { max: MAX_ERASE_REASON } : undefined));
}
