/** Locales of the `[dtext:…]` sentences. */
export type Locale = 'en' | 'ja'

/**
 * The localized sentence fragments behind `[dtext:key]`, as Chatwork's web
 * client shows them. Fragments concatenate with the surrounding text and tags
 * (`[dtext:chatroom_member_is][piconname:1][dtext:chatroom_added]`). Keys
 * whose text was not recorded are missing; they print as the tag itself.
 *
 * @example
 * DTEXT.en.task_done // 'Task completed.'
 */
export const DTEXT: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  ja: {
    chatroom_groupchat_created: '新しくグループチャットを作成しました。',
    chatroom_chatname_is: 'チャット名を「',
    chatroom_set: '」に設定しました。',
    chatroom_description_is: '概要を「',
    chatroom_member_is: 'メンバー「',
    chatroom_added: '」を追加しました。',
    chatroom_deleted: '」を削除しました。',
    chatroom_leaved: '」が退席しました。',
    chatroom_priv_changed: '」の権限を変更しました。',
    chatroom_changed: '」に変更しました。',
    chatroom_chat_edited: 'チャット情報を変更しました。',
    chatroom_icon_updated: 'グループチャットのアイコンを変更しました。',
    chatroom_mychat_created: 'マイチャットを作成しました。',
    chatroom_contact_added: 'コンタクトを追加しました。',
    chatroom_chat_joined: 'チャットに参加しました。',
    chatroom_over_groupchatnum: 'はグループチャット制限数を越えているため追加できませんでした。',
    file_uploaded: 'ファイルをアップロードしました。',
    file_edited: 'ファイル名を編集しました。',
    task_added: 'タスクを追加しました。',
    task_edited: 'タスクを編集しました。',
    task_done: 'タスクを完了しました。',
    task_reverted: 'タスクを未完了に戻しました。',
    task_deleted: 'このタスクは削除されました',
  },
  en: {
    chatroom_groupchat_created: 'New group chat created.',
    chatroom_chatname_is: 'Group name changed to "',
    chatroom_set: '".',
    chatroom_description_is: 'Group description changed to "',
    chatroom_member_is: '',
    chatroom_added: ' joined the group.',
    chatroom_deleted: ' has been deleted.',
    chatroom_leaved: ' has left the chat.',
    chatroom_priv_changed: ' changed roles.',
    chatroom_changed: '".',
    chatroom_chat_edited: 'Chat info updated.',
    chatroom_icon_updated: 'Group chat icon updated.',
    chatroom_mychat_created: 'My Chat created.',
    chatroom_contact_added: 'New contact added.',
    chatroom_chat_joined: 'A new member has joined the group chat.',
    file_uploaded: 'New file uploaded.',
    file_edited: 'File name edited.',
    task_added: 'Task assigned.',
    task_edited: 'Task edited.',
    task_done: 'Task completed.',
    task_reverted: 'Task re-assigned.',
    task_deleted: 'Task deleted',
  },
}
