/**
 * Prometheus metrics of the vehicle link, in prom-client's global register (served by /metrics).
 * Looked up before they are created, so several servers in one process (tests) share them.
 */
import { Counter, Gauge, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

export function linkMetrics() {
  return {
    received: counter('igv_vda_messages_received_total', 'VDA 5050 messages received from vehicles'),
    accepted: counter('igv_vda_messages_accepted_total', 'VDA 5050 messages accepted, by topic', ['topic']),
    sent: counter('igv_vda_messages_sent_total', 'Messages sent to vehicles, by topic', ['topic']),
    errors: counter('igv_vda_errors_total', 'Vehicle messages refused, by error type', ['type']),
    links: (register.getSingleMetric('igv_vda_links') as Gauge<string> | undefined) ?? new Gauge({ name: 'igv_vda_links', help: 'Open vehicle links' }),
  };
}
