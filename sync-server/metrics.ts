/** Counters exposed on GET /metrics. */
export interface RelayMetrics {
  connections: number;
  roomsLoaded: number;
  bytesIn: number;
  bytesOut: number;
  updatesStored: number;
  updatesRefused: number;
  connectionsRejected: number;
}

export function createMetrics(): RelayMetrics {
  return { connections: 0, roomsLoaded: 0, bytesIn: 0, bytesOut: 0, updatesStored: 0, updatesRefused: 0, connectionsRejected: 0 };
}
