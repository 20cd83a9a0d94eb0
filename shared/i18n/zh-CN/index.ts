import { idDocumentMessages } from './id-documents';
import { uiMessages } from './ui';
import { hostMessages } from './host';
import { caseMessages } from './case';
import { hostFieldLabels } from './host-fields';
import { textMessages } from './text';
import { pdfMessages } from './pdf';

export const zhCN = {
  ...idDocumentMessages,
  ...caseMessages,
  ...hostMessages,
  ...uiMessages,
  // The pieces messages that travel as keys (host errors, print reasons) are worded with.
  ...hostFieldLabels,
  ...textMessages,
  ...pdfMessages,
};
