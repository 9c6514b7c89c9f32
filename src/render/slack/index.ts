/** `chatwork-kit/slack`: Chatwork messages as Slack mrkdwn. */
export { toSlack } from './to-slack.ts'
export { SLACK_EMOTICONS, SLACK_MAX_NESTING, type SlackOptions, type SlackToAll, type SlackUsers } from './options.ts'
export { DEFAULT_TIME_ZONE, type AccountInfo, type Accounts, type FileInfo, type Files } from '../common/index.ts'
