/**
 * Messages of what counters pull from the central system (shared/sync/pull.ts, roster.ts): the
 * roster's check, which the central system's publish-roster and the counter both word, and the
 * counter's refusals of a publication (electron/services/sync/), which travel as host errors.
 */
export const pullMessages = {
  'roster_check.at_file': '名单文件',
  'roster_check.not_object': '名单应为一个 JSON 对象：{"format": "roster/1", "accounts": [...]}。',
  'roster_check.format': 'format 应为 "{expected}"。',
  'roster_check.missing': '缺少字段 {field}。',
  'roster_check.unknown_fields': '有名单格式之外的字段：{fields}。',
  'roster_check.no_pins': '名单中不能含密码（PIN）：新账户的密码由设备管理员在各窗口的“账户管理”中设置。',
  'roster_check.accounts_empty': '账户列表（accounts）为空。',
  'roster_check.accounts_too_many': '账户太多：一份名单最多 {max} 个账户。',
  'roster_check.accounts_not_list': 'accounts 应为账户的列表（数组）。',
  'roster_check.account_not_object': '每个账户应为一个对象，含 clerkId、name、role、active。',
  'roster_check.clerk_id': '工号（clerkId）应为 2–16 位字母或数字。',
  'roster_check.name': '姓名（name）不能为空，最多 30 个字。',
  'roster_check.role': '角色（role）只能是 clerk（窗口人员）、supervisor（负责人）或 administrator（设备管理员）。',
  'roster_check.active': 'active 应为 true（在岗）或 false（停用）。',
  'roster_check.duplicate': '工号 {clerkId} 与 accounts[{first}] 重复（工号不区分大小写）。',
  'roster_check.no_administrator': '名单中没有在岗的设备管理员（role 为 administrator 且 active 为 true），窗口设备将无人可以管理。',
  'roster_check.malformed': '格式不正确。',

  'host.pull.key_unknown': '中心系统发布的第 {seq} 号内容不是用本机登记时记下的中心系统密钥签名的（密钥 {keyId}），未应用。',
  'host.pull.signature_invalid': '中心系统发布的第 {seq} 号内容签名核验未通过，未应用：内容可能在传输中被改动，或不是本机登记的中心系统所发。',
  'host.pull.scope_foreign': '中心系统发布的第 {seq} 号内容适用于 {scope}，不是本机所属的大厅或其上级单位，未应用。',
  'host.pull.body_unreadable': '中心系统发布的第 {seq} 号内容无法读取（不是有效的 JSON），未应用。',
  'host.pull.roster_invalid': '中心系统发布的第 {seq} 号人员名单未通过本机检查（{count} 处问题，第一处在 {path}），未应用，本机账户保持不变。',
  'host.pull.roster_unmanageable':
    '中心系统发布的第 {seq} 号人员名单应用后，本机将没有能登录的设备管理员（名单中的设备管理员在本机都还没有密码），未应用，本机账户保持不变。请在名单中保留本机现有的设备管理员。',
  'host.pull.out_of_order': '中心系统返回的发布内容顺序不对（第 {seq} 号不在已应用的第 {cursor} 号之后），本次同步已停止。',
  'host.pull.state_corrupt': '同步进度文件（pull-state.json）已损坏，无法读取，已停止拉取中心系统发布的内容。请联系管理员。',
} as const;
