import { idDocumentMessages } from './id-documents';
import { uiMessages } from './ui';
import { hostMessages } from './host';
import { caseMessages } from './case';

export const en = { ...idDocumentMessages, ...caseMessages, ...hostMessages, ...uiMessages };
