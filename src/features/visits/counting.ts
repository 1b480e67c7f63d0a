// Which visit kinds count as the monthly face-to-face meeting (the rules' `visit.countingKinds`),
// said in the visit form and in the confirmation of a visit that does not count, so a phone call
// or an "other" visit never silently leaves a month unmet.
import type { VisitKind } from '../../domain/types.js';
import type { Translate } from '../../i18n/index.js';

/** The counting kinds by name, in the user's language. */
export function countingKindsText(t: Translate, countingKinds: readonly VisitKind[]): string {
  return countingKinds.map((kind) => t(`visits.kind.${kind}`)).join(t('common.listSeparator'));
}

/** The warning for a visit of `kind` that does not count; null for a check-in or a counting visit. */
export function notCountingNote(t: Translate, kind: VisitKind | null, countingKinds: readonly VisitKind[]): string | null {
  if (kind === null || countingKinds.includes(kind)) return null;
  return t('visits.saved.notCounting', { kinds: countingKindsText(t, countingKinds) });
}
