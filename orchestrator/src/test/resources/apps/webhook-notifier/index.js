// Posts a message to a webhook for each event of the configured name, the way PostHog's
// notification apps do: onEvent, a JSON body over fetch. A post that fails (a 5xx or a network
// error) is tried again by a job a second later, three attempts in all; meta.cache remembers
// what was delivered, so a message is never posted twice.
export async function onEvent(event, meta) {
  if (event.event !== meta.config.eventName) return
  await send({ uuid: event.uuid, text: event.distinct_id + ' did ' + event.event }, 1, meta)
}

async function send(message, attempt, { config, jobs, cache }) {
  if (await cache.get('sent:' + message.uuid, false)) return
  let status
  try {
    const response = await fetch(config.webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(message),
    })
    status = response.status
  } catch (error) {
    status = 0
  }
  if (status >= 200 && status < 300) {
    await cache.set('sent:' + message.uuid, true, 3600)
    return
  }
  if (attempt >= 3) {
    console.error('gave up on ' + message.uuid + ' after ' + attempt + ' attempts (last status ' + status + ')')
    return
  }
  console.warn('webhook answered ' + status + '; trying ' + message.uuid + ' again in a second')
  await jobs.retrySend({ message, attempt: attempt + 1 }).runIn(1, 'second')
}

export const jobs = {
  retrySend: async ({ message, attempt }, meta) => send(message, attempt, meta),
}
