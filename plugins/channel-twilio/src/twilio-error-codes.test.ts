import { describe, expect, it } from 'vitest';
import { isOptOutError, refusedBeforeSending, twilioDeliveryError } from './twilio-error-codes';

describe('Twilio errors as agents see them', () => {
  it('keeps Twilio’s own words, our reason and the documentation link', () => {
    expect(twilioDeliveryError(21211, "Invalid 'To' Phone Number: +1202555014")).toEqual({
      code: 'twilio_21211',
      message: "Twilio error 21211: the customer's number is not a valid phone number — “Invalid 'To' Phone Number: +1202555014” (https://www.twilio.com/docs/errors/21211)",
      retryable: false,
    });
  });

  it('marks rate limits and queue overflows retryable, refusals permanent', () => {
    expect(twilioDeliveryError(20429).retryable).toBe(true);
    expect(twilioDeliveryError(63018).retryable).toBe(true);
    expect(twilioDeliveryError(63016).retryable).toBe(false);
    expect(twilioDeliveryError(21610).retryable).toBe(false);
    expect(twilioDeliveryError(99999)).toMatchObject({ code: 'twilio_99999', retryable: false, message: expect.stringContaining('Twilio refused the message') });
    expect(twilioDeliveryError(99999, null, true).retryable).toBe(true);
    expect(isOptOutError(21610)).toBe(true);
    expect(isOptOutError(21211)).toBe(false);
  });

  it('says plainly when the channel refused before calling Twilio', () => {
    expect(refusedBeforeSending(63016, 'the customer last wrote on 2026-11-20T10:00:00.000Z')).toEqual({
      code: 'twilio_63016',
      message:
        "Not sent: outside WhatsApp's 24-hour customer-service window: only an approved template can be sent until the customer writes again; the customer last wrote on 2026-11-20T10:00:00.000Z (Twilio error 63016, https://www.twilio.com/docs/errors/63016)",
      retryable: false,
    });
  });
});
