export const jobs = {
  remember: async (payload, { storage }) => {
    await storage.set('last', payload.value)
    console.log('job ' + payload.value)
  },
}
export async function runEveryMinute({ jobs, storage }) {
  await jobs.remember({ value: 'from-task' }).runIn(10, 'minutes')
  console.log('task ran; last=' + (await storage.get('last', 'none')))
}
export async function processEvent(event) {
  await posthog.capture('seen ' + event.event, { distinct_id: event.distinct_id, extra: 1 })
  return event
}
