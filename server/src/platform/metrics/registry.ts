import client from 'prom-client';

/** One Prometheus registry per process, exposed at /metrics by the server. */
export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry });
