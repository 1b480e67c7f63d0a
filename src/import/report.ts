// The text a person reads after an import: the summary line first, then the columns ignored,
// then every refused cell.
import { translate, type Locale } from '../i18n/index.js';
import type { ImportResult } from './apply.js';
import type { Kind } from './headers.js';

export function importReport(locale: Locale, kind: Kind, result: ImportResult): string {
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params);
  const what = t(`import.kind.${kind}`);
  const ignored = result.ignored.length > 0 ? [t('import.ignored', { columns: result.ignored.join(t('common.listSeparator')) })] : [];
  if (!result.ok) {
    const rows = new Set(result.problems.map((p) => p.line)).size;
    const lines = result.problems.map((p) => {
      const reason = t(p.key, p.params);
      return p.column ? t('import.problem', { line: p.line, column: p.column, reason }) : t('import.problem.file', { line: p.line, reason });
    });
    return [t('import.summary.refused', { kind: what, count: rows, problems: result.problems.length }), ...ignored, ...lines].join('\n');
  }
  const { counts } = result;
  const summary = result.dryRun
    ? t('import.summary.dryRun', { kind: what, ...counts })
    : t(counts.created + counts.updated === 0 ? 'import.summary.nothing' : 'import.summary.done', { kind: what, ...counts });
  const existing = kind === 'clients' && counts.updated + counts.unchanged > 0 ? [t('import.clients.existing')] : [];
  return [summary, ...ignored, ...existing].join('\n');
}
