import { applicantHostMethods, type HostMethod } from './host-contract';

/**
 * Which window a call comes from, as main knows it (the web contents it created for the applicant,
 * never anything the page says about itself): the clerk's window, or the applicant's, whose
 * contract is the few methods marked `applicant` in domains/*.ts.
 */
export type HostCaller = 'clerk' | 'applicant';

export const callerMayCall = (caller: HostCaller, method: HostMethod): boolean =>
  caller === 'clerk' || (applicantHostMethods as readonly string[]).includes(method);
