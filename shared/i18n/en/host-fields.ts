import type { hostFieldLabels as reference } from '../zh-CN/host-fields';

export const hostFieldLabels = {
  'host.field.counterId': 'counter number',
  'host.field.agencyName': 'agency name',
  'host.field.clerkId': 'clerk ID',
  'host.field.name': 'name',
  'host.field.pin': 'PIN',
  'host.field.role': 'role',
  'host.field.maxFailedAttempts': 'wrong PINs before a lock',
  'host.field.lockMinutes': 'account lock minutes',
  'host.field.idleLockMinutes': 'idle minutes before the screen locks',
  'host.field.supervisor': 'supervisor',
  'host.field.supervisor.clerkId': 'supervisor’s ID',
  'host.field.supervisor.pin': 'supervisor’s PIN',
  'host.field.record': 'case record',
  'host.field.pdfBase64': 'letter file',
  'host.field.relativePath': 'archived letter',
  'host.field.letterPath': 'letter to reprint',
  'host.field.copies': 'number of copies',
  'host.field.jobId': 'print job number',
  'host.field.printer': 'printer',
} as const satisfies Record<keyof typeof reference, string>;
