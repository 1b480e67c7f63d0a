/**
 * What a Slack user id looks like, for every place that takes one from people or files (the
 * admins in the environment, forms, imports, admin commands) and for showing one as a mention.
 * One definition, so a valid id is valid everywhere. Pure: a pattern, no Slack.
 */

/** The id without anchors, for patterns that embed one (`<@U…>`). */
export const SLACK_USER_ID_PATTERN = '[UW][A-Z0-9]{2,}';

/** A user (U…) or Enterprise Grid user (W…) id. */
export const SLACK_USER_ID = new RegExp(`^${SLACK_USER_ID_PATTERN}$`);
