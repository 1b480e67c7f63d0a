// The Web API methods the fake Slack knows, as Slack documents them (https://api.slack.com/methods):
// which token each takes and which arguments it cannot do without. A method missing here is
// answered `unknown_method`, a missing argument `invalid_arguments`, as Slack answers them, so a
// typo in a method's name or a forgotten argument fails the test that makes the call.

export type TokenKind = 'bot' | 'app';

export interface MethodSpec {
  token: TokenKind;
  /** Arguments that must be present; an inner array means "at least one of these". */
  required: (string | string[])[];
  /** The argument naming a conversation the bot must be a member of, when the method has one. */
  channel?: string;
}

const bot = (...required: (string | string[])[]): MethodSpec => ({ token: 'bot', required });
const inChannel = (spec: MethodSpec, channel = 'channel'): MethodSpec => ({ ...spec, channel });

export const SLACK_METHODS: Readonly<Record<string, MethodSpec>> = {
  'auth.test': bot(),
  'apps.connections.open': { token: 'app', required: [] },
  'users.info': bot('user'),
  'views.open': bot(['trigger_id', 'interactivity_pointer'], 'view'),
  'views.push': bot(['trigger_id', 'interactivity_pointer'], 'view'),
  'views.update': bot(['view_id', 'external_id'], 'view'),
  'views.publish': bot('user_id', 'view'),
  'chat.postMessage': inChannel(bot('channel', ['text', 'blocks', 'attachments'])),
  'chat.postEphemeral': inChannel(bot('channel', 'user', ['text', 'blocks', 'attachments'])),
  'chat.update': inChannel(bot('channel', 'ts')),
  'conversations.history': inChannel(bot('channel')),
  'conversations.replies': inChannel(bot('channel', 'ts')),
  'conversations.open': bot(['users', 'channel']),
  'files.getUploadURLExternal': bot('filename', 'length'),
  'files.completeUploadExternal': inChannel(bot('files'), 'channel_id'),
  'files.info': bot('file'),
};

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** The arguments a call of `method` lacks, as Slack names them in `response_metadata.messages`. */
export function missingArguments(spec: MethodSpec, args: Record<string, unknown>): string[] {
  return spec.required.filter((name) => (Array.isArray(name) ? !name.some((n) => present(args[n])) : !present(args[name]))).map((name) => (Array.isArray(name) ? name.join(' or ') : name));
}
