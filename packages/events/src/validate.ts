import * as v from 'valibot';
import { coreEvents } from './core-events';

/**
 * Validates the `data` of a core event against its schema. Unknown types (a plugin's own events)
 * pass through untouched: their owners validate them.
 *
 * @example
 * const result = validateEventData('core.message.received.v1', event.data);
 * if (!result.success) console.error(result.issues);
 */
export function validateEventData(
  type: string,
  data: unknown,
): { success: true; output: unknown } | { success: false; issues: v.BaseIssue<unknown>[] } {
  const schema = (coreEvents as Record<string, v.GenericSchema | undefined>)[type];
  if (!schema) return { success: true, output: data };
  const result = v.safeParse(schema, data);
  return result.success ? { success: true, output: result.output } : { success: false, issues: result.issues };
}
