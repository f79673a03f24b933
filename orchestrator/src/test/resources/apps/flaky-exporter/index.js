// Fails its first two export attempts with RetryError, then succeeds.
import { RetryError } from '@posthog/plugin-scaffold'
let attempts = 0
export async function exportEvents(events) {
  attempts++
  if (attempts <= 2) throw new RetryError('destination busy (attempt ' + attempts + ')')
  console.log('exported ' + events.map((e) => e.event).join(','))
}
