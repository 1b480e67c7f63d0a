// Fetches a file someone shared with the bot: Slack serves it at the file's url_private_download
// to a request carrying the bot token (files:read). The token is sent only to Slack's file host,
// or to the API host the bot is configured with (SLACK_API_URL, a local Slack in tests), never
// to another address a payload might name. Slack answers a request it does not accept with its
// HTML sign-in page, not an error status: that is a failure too.

/** A roster of a few thousand rows is well under this. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
const SLACK_FILES = 'https://files.slack.com';

export type Download = { ok: true; bytes: Buffer } | { ok: false; reason: 'tooLarge' | 'failed' };

export function mayFetch(url: string, apiUrl: string | undefined): boolean {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  return origin === SLACK_FILES || (apiUrl !== undefined && origin === new URL(apiUrl).origin);
}

export async function downloadFile(url: string, token: string, apiUrl: string | undefined): Promise<Download> {
  if (!mayFetch(url, apiUrl)) return { ok: false, reason: 'failed' };
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok || (response.headers.get('content-type') ?? '').includes('text/html')) return { ok: false, reason: 'failed' };
  if (Number(response.headers.get('content-length') ?? 0) > MAX_FILE_BYTES) return { ok: false, reason: 'tooLarge' };
  const bytes = Buffer.from(await response.arrayBuffer());
  return bytes.length > MAX_FILE_BYTES ? { ok: false, reason: 'tooLarge' } : { ok: true, bytes };
}
