// The Web API methods the fake Slack knows, as Slack documents them (https://api.slack.com/methods):
// which token each takes and which arguments it cannot do without. A method missing here is
// answered `unknown_method`, a missing argument `invalid_arguments`, as Slack answers them, so a
// typo in a method's name or a forgotten argument fails the test that makes the call.

export type TokenKind = 'bot' | 'app';

export interface MethodSpec {
  token: TokenKind;
  /** Arguments that must be present; an inner array means "at least one of these". */
  required: (string | string[])[];
}

const bot = (...required: (string | string[])[]): MethodSpec => ({ token: 'bot', required });

export const SLACK_METHODS: Readonly<Record<string, MethodSpec>> = {
  'auth.test': bot(),
  'apps.connections.open': { token: 'app', required: [] },
  'users.info': bot('user'),
  'views.open': bot(['trigger_id', 'interactivity_pointer'], 'view'),
  'views.push': bot(['trigger_id', 'interactivity_pointer'], 'view'),
  'views.update': bot(['view_id', 'external_id'], 'view'),
  'views.publish': bot('user_id', 'view'),
  'chat.postMessage': bot('channel', ['text', 'blocks', 'attachments']),
  'chat.postEphemeral': bot('channel', 'user', ['text', 'blocks', 'attachments']),
  'chat.update': bot('channel', 'ts'),
  'conversations.history': bot('channel'),
  'conversations.replies': bot('channel', 'ts'),
  'conversations.open': bot(['users', 'channel']),
  'files.getUploadURLExternal': bot('filename', 'length'),
  'files.completeUploadExternal': bot('files'),
  'files.info': bot('file'),
};

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** The arguments a call of `method` lacks, as Slack names them in `response_metadata.messages`. */
export function missingArguments(spec: MethodSpec, args: Record<string, unknown>): string[] {
  return spec.required.filter((name) => (Array.isArray(name) ? !name.some((n) => present(args[n])) : !present(args[name]))).map((name) => (Array.isArray(name) ? name.join(' or ') : name));
}
