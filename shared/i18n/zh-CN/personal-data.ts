/**
 * Messages of personal data at rest (electron/services/personal-data-handlers.ts and the renderer's
 * sealed drafts): main's refusals travel as host errors; the labels name the drafts' host arguments.
 * They never repeat the data itself.
 */
export const personalDataMessages = {
  'host.personal_data.unreadable': '这件办理中案件的申请人信息无法解密（本机数据密钥不符、不是本人的案件，或数据已损坏）。请放弃该案件后重新办理。',
  'host.personal_data.key_unavailable': '本机数据密钥无法读取（{code}），申请人信息不能保存或读取。请联系管理员。',
  'host.field.draftId': '案件编号',
  'host.field.data': '案件内容',
  'host.field.data.draft': '案件内容',
  'host.field.data.draft.draftId': '案件编号',
  'host.field.data.draft.step': '办理步骤',
  'host.field.data.applicantForm': '申请人信息',
  'host.field.data.signatureInProgress': '未确认的签名',
  'host.field.sealed': '加密的案件内容',

  'ui.personal_data.draft_unreadable': '这件案件的申请人信息无法读取',
} as const;
