import { idDocumentMessages } from './id-documents';
import { uiMessages } from './ui';
import { hostMessages } from './host';
import { caseMessages } from './case';
import { hostFieldLabels } from './host-fields';
import { textMessages } from './text';
import { pdfMessages } from './pdf';
import { catalogCheckMessages } from './catalog-check';
import { catalogHostMessages } from './catalog-host';
import { personalDataMessages } from './personal-data';
import { recordMessages } from './records';
import { pullMessages } from './pull';
import { syncMessages } from './sync';
import { dayCloseMessages } from './day-close';

export const en = {
  ...idDocumentMessages,
  ...caseMessages,
  ...hostMessages,
  ...uiMessages,
  // Messages that travel as keys (host errors, print reasons, catalog problems) and their pieces.
  ...hostFieldLabels,
  ...textMessages,
  ...pdfMessages,
  ...catalogCheckMessages,
  ...catalogHostMessages,
  ...personalDataMessages,
  ...recordMessages,
  ...pullMessages,
  ...syncMessages,
  ...dayCloseMessages,
};
