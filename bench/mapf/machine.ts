/** The machine line of benchmark reports: CPU model and clock, cores, RAM, kernel. */
import { readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';

export function machineLine(): string {
  const cpu = cpus();
  let mhz = cpu[0]?.speed ?? 0;
  try {
    const m = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) mhz = Number(m[1]);
  } catch {
    // Not Linux: os.cpus() speed stays.
  }
  const clock = mhz > 0 ? ` @ ${(mhz / 1000).toFixed(2)} GHz` : '';
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}${clock} × ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}`;
}
