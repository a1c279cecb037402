import type { TestChannel } from './test-channel';

/**
 * Runs `task(i)` for i = 0…count-1 with at most `concurrency` at a time (customers write at once;
 * the core's group commit batches their writes), reporting progress now and then.
 *
 * @example
 * await inParallel(10_000, 200, (i) => sms.write(customer(i), text(i)));
 */
export async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<unknown>, onProgress?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        await task(i);
        done++;
        if (onProgress && done % 1000 === 0) onProgress(done);
      }
    }),
  );
}

const FIRST = ['Dana', 'Marcus', 'Aiko', 'Lena', 'Omar', 'Sofia', 'Chen', 'Grace', 'Ravi', 'Hannah', 'Tomás', 'Noor', 'Elif', 'Jonas', 'Amara', 'Luca', 'Mei', 'Kofi', 'Ines', 'Arjun'];
const LAST = ['Reyes', 'Webb', 'Tanaka', 'Fischer', 'Haddad', 'Marín', 'Wei', "O'Neill", 'Patel', 'Schmidt', 'Alves', 'Ali', 'Kaya', 'Berg', 'Okafor', 'Romano', 'Lin', 'Mensah', 'Duarte', 'Iyer'];
const QUESTIONS = [
  'Where is my order #{n}? The tracking has not moved since Monday.',
  'Can I change the delivery address for order #{n}?',
  'I was charged twice for order #{n}, can you check?',
  'Is the Elm Street store open on Sunday?',
  'The discount code does not work at checkout.',
  'How do I return a jacket I bought online?',
  'Do you ship to Canada, and how long does it take?',
  'My parcel arrived damaged — the box was crushed.',
  'Can I add gift wrapping to order #{n}?',
  'Please cancel my subscription at the end of the month.',
  'Where can I download the invoice for order #{n}?',
  'Is the blue kettle back in stock?',
];

/**
 * The i-th of many fictional customers over three channels: SMS and WhatsApp know them by phone
 * (+1 555 numbers, reserved for fiction), web chat by an example.com address; with a plausible
 * first message.
 *
 * @example
 * const { channel, customer, text } = demoCustomer(42, [sms, whatsapp, webchat]);
 */
export function demoCustomer(i: number, channels: readonly [TestChannel, TestChannel, TestChannel]) {
  const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
  const channel = channels[i % 3]!;
  const identity = i % 3 === 2 ? `customer-${String(i).padStart(5, '0')}@example.com` : `+1555${String(i).padStart(7, '0')}`;
  const text = QUESTIONS[i % QUESTIONS.length]!.replace('{n}', String(40_000 + i));
  return { channel, customer: { identity, name }, text };
}
