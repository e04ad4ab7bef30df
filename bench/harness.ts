import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs this same script in a fresh process with `--child MODE …`, so each measurement has its own heap and RSS. */
export function runChild<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, '--child', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`child ${args.join(' ')} exited ${code}: ${out}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

/** Saves a benchmark's figures under bench/out/ for the record, and prints them. */
export function report(name: string, figures: Record<string, unknown>): void {
  mkdirSync(join('bench', 'out'), { recursive: true });
  writeFileSync(join('bench', 'out', `${name}.json`), JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2));
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
