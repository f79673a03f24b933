export function processEvent(event, { config }) {
  event.properties = event.properties || {}
  event.properties.greeting = config.greeting || 'hello'
  return event
}
