import { wordHostMessage } from '../shared/contract/host-message-text';
import type { HostMessage } from '../shared/contract/host-message';
import { t } from '../shared/i18n';

/** A host error or print reason as the command line prints it: in Chinese, like the counter's own screens. */
export const hostErrorText = (message: HostMessage): string => wordHostMessage(t, message);
