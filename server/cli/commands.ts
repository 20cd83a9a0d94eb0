/**
 * The server's commands: `npm run server -- <command> …`; no command starts the service.
 * Each lives in its own file and is loaded only when called.
 */
export type Command = (args: string[]) => Promise<void>;

export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: '启动中心系统服务', load: async () => (await import('./serve')).serve },
};
