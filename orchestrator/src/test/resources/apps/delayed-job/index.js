// An event named "schedule" queues the job `ping` to run 3 s later; the job captures "job ran"
// with the time it was queued and the time it ran, so a test can see the delay was kept.
export async function processEvent(event, { jobs }) {
  if (event.event === 'schedule') {
    await jobs.ping({ n: event.properties.n, queuedAt: Date.now() }).runIn(3, 'seconds')
  }
  return event
}
export const jobs = {
  ping: async (payload) => {
    await posthog.capture('job ran', { distinct_id: 'jobs', n: payload.n, queuedAt: payload.queuedAt || 0, ranAt: Date.now() })
  },
}
