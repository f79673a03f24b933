// An importer written the way PostHog's are: every minute it asks an API for the items after
// the cursor it keeps in storage, captures each as an event, and moves the cursor on. A 5xx or a
// network error is a RetryError; the next run tries again from the same cursor.
import { RetryError } from '@posthog/plugin-scaffold'

export async function runEveryMinute({ config, storage }) {
  const since = await storage.get('cursor', 0)
  let response
  try {
    response = await fetch(config.url + '?since=' + since)
  } catch (error) {
    throw new RetryError('the source is unreachable: ' + error.message)
  }
  if (response.status >= 500) throw new RetryError('the source answered ' + response.status)
  const page = await response.json()
  for (const item of page.items) {
    await posthog.capture('imported item', { distinct_id: item.user, item_id: item.id })
  }
  await storage.set('cursor', page.next)
  console.log('imported ' + page.items.length + ' items; cursor now ' + page.next)
}
