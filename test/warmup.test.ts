/**
 * `warmUp()` gets English ready without blocking: a promise, its steps in separate tasks, so
 * other work (a keystroke's handler, a render) runs between them.
 */
import { describe, expect, it } from 'vitest';
import { check, warmUp } from '../src/index.js';

describe('warmUp', () => {
  it('returns at once and does its work in later tasks, other timers running in between', async () => {
    const order: string[] = [];
    const done = warmUp().then(() => order.push('ready'));
    order.push('returned');
    // Timers queued after the call: a blocking warm-up would have run all its steps first.
    await new Promise<void>((resolve) => setTimeout(() => { order.push('timer 1'); setTimeout(() => { order.push('timer 2'); resolve(); }, 0); }, 0));
    await done;
    expect(order[0]).toBe('returned');
    expect(order.indexOf('timer 1')).toBeLessThan(order.indexOf('ready'));
    expect(order.indexOf('timer 2')).toBeLessThan(order.indexOf('ready'));
  }, 60_000);

  it('leaves checking as it was: the tagger-dependent finding is the same after warming', async () => {
    await warmUp();
    const ids = check('Call your doctor tomorrow.').findings.map((f) => f.ruleId);
    expect(ids.length).toBeGreaterThan(0);
    await warmUp(); // twice is fine
    expect(check('Call your doctor tomorrow.').findings.map((f) => f.ruleId)).toEqual(ids);
  }, 60_000);
});
