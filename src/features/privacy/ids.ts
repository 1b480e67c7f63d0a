// Stable identifiers of the access log and the erasure modal: the builders, the handlers and the
// tests share them.

/** The access log's "earlier entries" button; value = "<client id>:<id of the last entry shown>". */
export const AUDIT_MORE_ACTION = 'audit_more';
export const ERASE_CALLBACK_ID = 'erase_client';

/** block_id (= action_id) of every input of the erasure modal. */
export const ERASE_FORM = { caseNumber: 'case_number', basis: 'basis', reason: 'reason' } as const;

/** Legal bases of an erasure (PIPL Art. 47, a court or an authority); kept as a code in the audit trail. */
export const ERASE_BASES = ['purpose_achieved', 'consent_withdrawn', 'unlawful', 'court_order', 'other'] as const;
export type EraseBasis = (typeof ERASE_BASES)[number];

/** Entries of the access log per page. */
export const AUDIT_PAGE = 20;
/** Clients past retention listed by case number in App Home; the rest are counted. */
export const RETENTION_SHOWN = 10;
export const MAX_ERASE_REASON = 500;
