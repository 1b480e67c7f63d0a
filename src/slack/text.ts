// Text typed by people, inside Slack mrkdwn. Slack escapes &, < and > in what it sends us, and
// we must escape them in what we send, so that an alias or a community name can never turn
// into a mention, a channel link or a URL. Formatting characters become their full-width
// look-alikes (mrkdwn has no escape for them), so a name cannot bold, strike or quote the rest of
// a line, and a line break becomes a space, so a name cannot start a line of its own.
const LOOK_ALIKES: Record<string, string> = { '*': '＊', _: '＿', '~': '～', '`': '｀' };

export function escapeMrkdwn(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (c) => LOOK_ALIKES[c]!);
}

export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
