import { hostInputSchemas, type HostHandlers } from './host-contract';
import { callerMayCall, type HostCaller } from './host-caller';
import { isHostMethod } from './host-methods';
import { fail, type Result } from './result';

/**
 * The single entry for a call from the renderer, used by Electron's IPC and by the test harness
 * alike: unknown methods and arguments that do not satisfy the contract are refused before any
 * handler runs, and a handler that throws answers with an error instead of crashing the caller.
 * The argument itself is never echoed back or logged: it may hold ID numbers and signatures.
 * `caller` is the window main knows the call came from; the applicant's window reaches only its own
 * smaller contract. Who is signed in is checked by the handlers (electron/services/host-access.ts).
 */
export const dispatchHostCall = async (
  handlers: HostHandlers,
  method: unknown,
  argument: unknown,
  caller: HostCaller = 'clerk',
): Promise<Result<unknown>> => {
  if (!isHostMethod(method)) return fail('UNKNOWN_METHOD', 'host.error.unknown_method');
  if (!callerMayCall(caller, method)) return fail('WINDOW_REFUSED', 'host.error.window_refused');
  const parsed = hostInputSchemas[method].safeParse(argument ?? {});
  if (!parsed.success) {
    // Paths only, each once; an argument that is not an object at all has none.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.')).filter(Boolean))];
    return fail('INVALID_ARGUMENT', 'host.error.invalid_argument', { fields });
  }
  try {
    const handler = handlers[method] as (arg: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.data);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'INTERNAL';
    return fail('INTERNAL', 'host.error.internal', { code });
  }
};
