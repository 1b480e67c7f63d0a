// Text typed by people, inside Slack mrkdwn. Slack escapes &, < and > in what it sends us, and
// we must escape them in what we send, so that an alias or a community name can never turn
// into a mention, a channel link or a URL.
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
