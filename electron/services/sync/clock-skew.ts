/**
 * How far this device's clock is from the central system's, from one push: sent at `sentAt`, answered
 * at `answeredAt` (both by this clock), the server's time `serverTime` taken somewhere in between.
 *
 * The server's own figure (its time minus the request's `sentAt`) counts the upload as skew: an 8 MB
 * batch over a slow hall line reads as minutes off, and that would be sealed into records as evidence.
 * Here only what the round trip cannot explain counts: if the server's time falls inside the round
 * trip the clocks agree as far as can be told (0); otherwise the skew is the distance to the nearer
 * end — a lower bound, never an overstatement. Seconds, device minus server.
 */
export const measuredClockSkew = (sentAt: Date, answeredAt: Date, serverTime: string): number => {
  const server = Date.parse(serverTime);
  const early = (sentAt.getTime() - server) / 1000;
  const late = (answeredAt.getTime() - server) / 1000;
  if (early > 0) return early;
  if (late < 0) return late;
  return 0;
};
