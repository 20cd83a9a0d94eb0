import { deviceStatusSchema } from '../../shared/sync/device-status';
import { escrowDepositResponseSchema, escrowDepositSchema } from '../../shared/sync/enroll';
import { deviceStatus } from '../devices/device-status';
import { depositEscrow } from '../devices/escrow-deposit';
import { defineRoute } from '../http/route';

export const deviceStatusRoute = defineRoute({
  method: 'GET',
  url: '/v1/device',
  summary: '本设备在中心系统的状态：已回执的链头、存量、暂存行与冲突',
  tag: 'device',
  auth: 'device',
  response: deviceStatusSchema,
  handler: ({ device }, context) => deviceStatus(context.central.db, device, context.now()),
});

export const escrowDepositRoute = defineRoute({
  method: 'PUT',
  url: '/v1/device/escrow',
  summary: '托管本设备的数据密钥（以托管公钥封装），只托管一次',
  tag: 'device',
  auth: 'device',
  body: escrowDepositSchema,
  response: escrowDepositResponseSchema,
  handler: ({ body, device }, context) => depositEscrow(device, body, context),
});
