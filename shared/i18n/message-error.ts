import { t } from './index';
import { wordMessage, type Message } from './message';

/**
 * An error meant for people, thrown by code that runs both in the renderer and on the command line:
 * `message` is worded in Chinese (logs, the command line), `text` keeps the key and parameters so a UI
 * words it again in its own language.
 */
export class MessageError extends Error {
  constructor(readonly text: Message) {
    super(wordMessage(t, text));
  }
}
