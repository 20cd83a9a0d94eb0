import { wordArg, wordMessage, type Translate } from '../i18n/message';
import { hostFieldLabels } from '../i18n/zh-CN/host-fields';
import type { HostMessage } from './host-message';

/** The label key of an argument path: its own, else its nearest labelled parent's (`record.applicant.name` → 案件记录). */
const labelKeyOf = (path: string): string | null => {
  for (let segments = path.split('.'); segments.length > 0; segments = segments.slice(0, -1)) {
    const key = `host.field.${segments.join('.')}`;
    if (key in hostFieldLabels) return key;
  }
  return null;
};

/**
 * A host message in the words of `translate`'s language. Refused arguments are named by their labels
 * (密码, 工号); when any has none, the sentence names none rather than show a code name to the clerk.
 */
export const wordHostMessage = (translate: Translate, message: HostMessage): string => {
  if (message.key === 'host.catalog.invalid') {
    // Each problem as the 事项目录 page words one: where it is, then what is wrong.
    const problems = message.params.problems.map((problem) => `${wordArg(translate, problem.path)}${translate('text.colon')}${wordMessage(translate, problem.message)}`);
    return translate(message.key, { count: message.params.count, problems: problems.join(translate('text.item_separator')) });
  }
  if (message.key !== 'host.error.invalid_argument') return translate(message.key, message.params);
  const keys = message.params.fields.map(labelKeyOf);
  if (keys.length === 0 || keys.includes(null)) return translate('host.error.invalid_argument_unlabelled');
  const labels = [...new Set(keys)].map((key) => translate(key as string));
  return translate(message.key, { fields: labels.join(translate('text.list_separator')) });
};
