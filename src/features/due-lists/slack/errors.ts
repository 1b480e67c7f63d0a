// Slack errors the daily job must tell apart. Rate limits (429) and server or network errors
// are retried by the Web API client itself (Retry-After honoured, bounded backoff); what
// reaches us is either permanent for this channel or an outage that outlasted the retries.
const PERMANENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked',
  'missing_scope', 'restricted_action', 'msg_too_long', 'invalid_blocks', 'no_permission',
]);

export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; code?: string; statusCode?: number };
  return e.data?.error ?? (e.statusCode ? `http_${e.statusCode}` : (e.code ?? 'unknown_error'));
}

export function isPermanentSlackError(error: unknown): boolean {
  return PERMANENT.has(slackErrorCode(error));
}
