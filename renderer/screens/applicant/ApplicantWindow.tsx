import { useLiveQuery } from 'dexie-react-hooks';
import { readApplicantScreen } from '../../db/applicant-screen-state';
import { ApplicantView } from './ApplicantView';

/** The second display's window: it only ever shows the case the clerk put in front of the applicant. */
export const ApplicantWindow = () => {
  const screen = useLiveQuery(readApplicantScreen);
  return (
    <div className="applicant-shell">
      <ApplicantView draftId={screen?.draftId ?? null} />
    </div>
  );
};
