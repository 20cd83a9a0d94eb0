import { useEffect, useState } from 'react';
import type { RecordSummary } from '../../shared/contract/host-contract';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import type { VoidRecord } from '../../shared/domain/void-record';
import { errorMessage } from '../components/ErrorBanner';
import { callHost } from '../host';

/**
 * Sealed records come from main's store (the renderer keeps no copy: they hold personal data that
 * only main may keep at rest). A record never changes, so one answer per screen is enough; lists are
 * asked again whenever the screen is shown, which is after every seal.
 */
export type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

const useHostValue = <T>(ask: () => Promise<T>, key: string): Loaded<T> => {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    ask().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'failed', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
    // `key` stands for what `ask` asks: a new function each render must not ask again.
  }, [key]);
  return state;
};

export const useSealedRecord = (caseNumber: string): Loaded<SealedRecord> =>
  useHostValue(() => callHost('sealedRecord', { caseNumber }), caseNumber);

export const useRecordsOfDay = (day: string): Loaded<RecordSummary[]> => useHostValue(() => callHost('sealedRecords', { day }), day);

export const findRecordsByIdNumber = (idNumber: string): Promise<RecordSummary[]> => callHost('findSealedRecords', { idNumber });

/**
 * The void of a case as main has it, and a setter for the void just sealed on this screen. `loading`
 * until main answered; a failed answer counts as not voided here (main refuses printing a voided
 * case's letter whatever this screen believes).
 */
export const useRecordVoid = (caseNumber: string): ['loading' | 'ready', VoidRecord | null, (record: VoidRecord) => void] => {
  const asked = useHostValue(() => callHost('recordVoid', { caseNumber }), caseNumber);
  const [sealedHere, setSealedHere] = useState<VoidRecord | null>(null);
  const fromMain = asked.status === 'ready' ? asked.value : null;
  return [asked.status === 'loading' ? 'loading' : 'ready', sealedHere ?? fromMain, setSealedHere];
};
