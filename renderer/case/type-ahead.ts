/**
 * Keys a clerk types right after F2, before the matter search exists (the draft is first created in
 * IndexedDB): kept and handed to the search when it appears, so nothing typed is lost. Only plain
 * keys and Enter are kept; a key with Ctrl, Alt or Meta ends the capture and goes its usual way.
 */
interface Captured {
  text: string;
  enter: boolean;
}

let captured: Captured | null = null;

const onKeyDown = (event: KeyboardEvent): void => {
  if (!captured) return;
  if (event.ctrlKey || event.altKey || event.metaKey) {
    stopCapture();
    return;
  }
  if (event.key === 'Enter') captured.enter = true;
  else if (event.key === 'Backspace') captured.text = captured.text.slice(0, -1);
  else if (event.key.length === 1 && !captured.enter) captured.text += event.key;
  else return;
  event.preventDefault();
  event.stopPropagation();
};

const stopCapture = (): void => {
  captured = null;
  window.removeEventListener('keydown', onKeyDown, true);
};

/** From now until `takeTypedAhead`, keystrokes are kept instead of reaching the page. */
export const captureTypeAhead = (): void => {
  stopCapture();
  captured = { text: '', enter: false };
  window.addEventListener('keydown', onKeyDown, true);
};

/** What was typed since `captureTypeAhead` (and whether Enter ended it); ends the capture. */
export const takeTypedAhead = (): Captured => {
  const taken = captured ?? { text: '', enter: false };
  stopCapture();
  return taken;
};
