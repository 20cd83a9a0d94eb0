/**
 * What a refused argument is called on screen, by its path in the host contract (an INVALID_ARGUMENT
 * answer names paths; the clerk reads these labels). A nested path without its own label takes the
 * label of the nearest labelled parent.
 */
export const hostFieldLabels = {
  'host.field.counterId': '窗口编号',
  'host.field.agencyName': '办理机构名称',
  'host.field.cryptoSuite': '密码算法',
  'host.field.clerkId': '工号',
  'host.field.name': '姓名',
  'host.field.pin': '密码',
  'host.field.pinAgain': '再次输入的密码',
  'host.field.role': '角色',
  'host.field.maxFailedAttempts': '锁定前允许输错的次数',
  'host.field.lockMinutes': '账号锁定时长',
  'host.field.idleLockMinutes': '闲置锁屏时间',
  'host.field.supervisor': '负责人',
  'host.field.supervisor.clerkId': '负责人工号',
  'host.field.supervisor.pin': '负责人密码',
  'host.field.draft': '案件',
  'host.field.caseNumber': '案件编号',
  'host.field.day': '日期',
  'host.field.idNumber': '证件号码',
  'host.field.reason': '作废原因',
  'host.field.note': '作废说明',
  'host.field.record': '案件记录',
  'host.field.pdfBase64': '文书文件',
  'host.field.relativePath': '存档文书',
  'host.field.letterPath': '要补打的文书',
  'host.field.copies': '打印份数',
  'host.field.jobId': '打印任务编号',
  'host.field.printer': '打印机',
  'host.field.action': '审计事项',
  'host.field.subject': '审计对象',
  'host.field.detail': '审计说明',
} as const;
