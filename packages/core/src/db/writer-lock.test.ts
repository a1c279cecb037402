import { describe, expect, it } from 'vitest';
import { createWriterLock } from './writer-lock';

describe('writer lock', () => {
  it('lets one holder in at a time, in the order they asked', async () => {
    const a = createWriterLock();
    const b = createWriterLock(a.buffer);
    const order: string[] = [];
    await a.acquire();
    const waiting = [b.acquire().then(() => order.push('b1')), a.acquire().then(() => order.push('a2'))];
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    a.release();
    await waiting[0];
    expect(order).toEqual(['b1']);
    b.release();
    await waiting[1];
    expect(order).toEqual(['b1', 'a2']);
    a.release();
    await b.acquire();
    b.release();
  });

  it('after abandon, waiters and later callers get through at once', async () => {
    const a = createWriterLock();
    const b = createWriterLock(a.buffer);
    await b.acquire(); // b's thread "dies" holding the lock
    let through = false;
    const waiting = a.acquire().then(() => (through = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(through).toBe(false);
    a.abandon();
    await waiting;
    a.release();
    await a.acquire();
    await a.acquire();
  });
});
