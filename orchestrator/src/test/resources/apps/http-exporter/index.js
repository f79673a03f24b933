// A destination app written the way PostHog's are: exportEvents batches as a JSON body over
// fetch, a RetryError for 5xx answers and network errors (the server retries the batch), any
// other error for a refused batch. Counts its batches in storage, as a cursor.
import { RetryError } from '@posthog/plugin-scaffold'

export async function setupPlugin({ config, global }) {
  if (!config.url) throw new Error('url is required')
  global.headers = { 'Content-Type': 'application/json' }
  if (config.apiKey) global.headers.Authorization = 'Bearer ' + config.apiKey
}

// The third argument is this server's: the batch's id, the same on every retry, sent as an
// idempotency key so the destination can drop a batch it already has.
export async function exportEvents(events, { config, global, utils }, exportBatch) {
  const batch = events.map((e) => ({ uuid: e.uuid, event: e.event, distinct_id: e.distinct_id, properties: e.properties }))
  const headers = { ...global.headers }
  if (exportBatch) headers['Idempotency-Key'] = exportBatch.batchId
  let response
  try {
    response = await fetch(config.url, { method: 'POST', headers, body: JSON.stringify({ batch }) })
  } catch (error) {
    throw new RetryError('the destination is unreachable: ' + error.message)
  }
  if (response.status >= 500) {
    throw new RetryError('the destination answered ' + response.status)
  }
  if (!response.ok) {
    throw new Error('the destination refused the batch: ' + response.status + ' ' + (await response.text()))
  }
  const sent = await utils.cursor.increment('batches_sent')
  console.log('exported ' + events.length + ' events (batch ' + sent + ')')
}
