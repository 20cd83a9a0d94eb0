// First: configures zod for the Content Security Policy before any schema exists.
import './zod-config';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { lazyScreen } from './components/lazy-screen';
import { ClerkApp } from './screens/clerk/ClerkApp';
import './styles.css';

const ApplicantWindow = lazyScreen(async () => (await import('./screens/applicant/ApplicantWindow')).ApplicantWindow);

// The applicant's window (second display) loads the same bundle at #/applicant.
const isApplicantWindow = window.location.hash.startsWith('#/applicant');
document.documentElement.dataset.window = isApplicantWindow ? 'applicant' : 'clerk';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {isApplicantWindow ? (
      <Suspense fallback={null}>
        <ApplicantWindow />
      </Suspense>
    ) : (
      <ClerkApp />
    )}
  </StrictMode>,
);
