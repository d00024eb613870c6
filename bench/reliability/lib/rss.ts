/** Memory of the server process from /proc/<pid>/status: VmRSS now, VmHWM (peak) since start or since reset. */
import { readFileSync, writeFileSync } from 'node:fs';

function field(pid: number, name: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export const rssBytes = (pid: number) => field(pid, 'VmRSS');
export const peakRssBytes = (pid: number) => field(pid, 'VmHWM');

/**
 * Reset the peak (VmHWM := VmRSS) by writing 5 to /proc/<pid>/clear_refs (Linux ≥ 4.0, own process). Returns
 * false when not permitted; the peak then counts from the start of the process.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
