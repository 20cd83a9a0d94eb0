/** Messages of sealing in main and of main's record store (electron/services/records/). */
export const recordMessages = {
  'host.seal.not_ready': '案件尚未完成全部步骤（事项、申请人、告知、选择和签名），不能封存。',
  'host.seal.other_clerk': '此案件由另一名工作人员受理，不能以您的名义封存。请由受理人登录后封存。',
  'host.seal.other_device': '此案件不是在本机受理的，不能在本机封存。',
  'host.seal.numbers_exhausted': '本窗口今天的案件编号已用完（每天最多 9999 件），不能再封存。请联系设备管理员。',
  'host.seal.chain_index_damaged': '本机案件索引已损坏，为防止记录链分叉已停止封存。请联系设备管理员核验档案。',
  'host.seal.chain_head_mismatch': '本机最新一份存档记录与案件索引不符（可能被替换），为防止记录链分叉已停止封存。请联系设备管理员核验档案。',
  'host.seal.chain_ledger_out_of_chain': '档案台账中的记录与本机记录链接不上，为防止记录链分叉已停止封存。请联系设备管理员核验档案。',
  'host.record.not_found': '本机没有编号为该号码的已封存记录。',
  'host.record.unreadable': '该记录的存档文件缺失或已被改动，无法读取。请联系设备管理员核验档案。',
  'host.void.already_voided': '该案件已作废（作废记录 {voidNumber}），不能再次作废。',
  'host.void.note_needed': '作废原因选择“其他”时，请在说明中写明原因。',
  'host.void.print_refused': '该案件已作废，其文书不再打印或补打。',
} as const;
