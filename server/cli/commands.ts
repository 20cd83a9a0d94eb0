/**
 * The server's commands: `npm run server -- <command> …`; no command starts the service.
 * Each lives in its own file and is loaded only when called.
 */
export type Command = (args: string[]) => Promise<void>;

export const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: '启动中心系统服务', load: async () => (await import('./serve')).serve },
  org: { summary: '导入组织机构：org import <组织机构.json>', load: async () => (await import('./org')).orgCommand },
  'escrow-key': { summary: '生成托管密钥：--out <私钥文件.pem> [--rotate]', load: async () => (await import('./escrow-key')).escrowKeyCommand },
  enroll: { summary: '签发窗口登记码：--hall <大厅编号> --counter <窗口编号> [--server-url URL] [--hours 24] [--tls-cert 证书]', load: async () => (await import('./enroll')).enrollCommand },
  'server-key': { summary: '列出中心系统的签名公钥（供 npm run verify -- --server-key 核验回执）', load: async () => (await import('./server-key')).serverKeyCommand },
  devices: { summary: '列出登记的设备', load: async () => (await import('./devices')).devicesCommand },
  revoke: { summary: '吊销设备：--device <设备编号> --reason <原因>', load: async () => (await import('./revoke')).revokeCommand },
  'publish-catalog': { summary: '发布事项目录：--file <目录.json> --scope <单位编号>', load: async () => (await import('./publish-catalog')).publishCatalogCommand },
  recover: { summary: '用托管私钥恢复窗口档案：--device <设备编号> --escrow-key <私钥.pem> --archive <档案文件夹> --out <输出文件夹>', load: async () => (await import('./recover')).recoverCommand },
  'publish-roster': { summary: '发布人员名单：--file <名单.json> --scope <大厅或上级单位编号>', load: async () => (await import('./publish-roster')).publishRosterCommand },
};
