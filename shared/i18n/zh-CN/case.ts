/** Messages of the case flow: what the clerk or the applicant is told when a step is refused. */
export const caseMessages = {
  'case.error.name_empty': '请填写姓名。',
  'case.error.name_too_long': '姓名不能超过{max}个字符。',
  'case.error.name_characters': '姓名中不能包含数字或符号 < > { } \\ /。',
  'case.error.name_unprintable': '姓名中的字符“{characters}”无法在承诺书上打印，请核对证件上的写法后重新输入。',
  'case.error.phone': '联系电话应为11位手机号码，或带区号的固定电话（如 010-12345678）。',
  'case.error.relation_empty': '请填写监护人与申请人的关系（如 父亲、母亲、配偶）。',
  'case.error.guardian_is_applicant': '监护人不能是申请人本人。',
  'case.error.wrong_step': '当前步骤不能进行此操作，请按页面提示继续。',
  'case.error.page_out_of_range': '没有这一页。',
  'case.error.notification_unfinished': '请先阅读完全部告知内容，再作出选择。',
  'case.error.applicant_invalid': '申请人信息有误，请按提示修改。',
  'case.error.signature_empty': '还没有签名，请在框内签写您的姓名。',
  'case.error.signature_too_short': '签名过短，请在框内完整签写您的姓名。',
  'case.error.not_ready': '案件信息不完整，不能确认归档。',
} as const;
