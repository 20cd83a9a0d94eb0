// First: configures zod for the Content Security Policy before any schema exists.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClerkApp } from './screens/clerk/ClerkApp';
import { ApplicantWindow } from './screens/applicant/ApplicantWindow';
import './styles.css';

// The applicant's window (second display) loads the same bundle at #/applicant.
const isApplicantWindow = window.location.hash.startsWith('#/applicant');
document.documentElement.dataset.window = isApplicantWindow ? 'applicant' : 'clerk';

createRoot(document.getElementById('root')!).render(
  <StrictMode>{isApplicantWindow ? <ApplicantWindow /> : <ClerkApp />}</StrictMode>,
);
