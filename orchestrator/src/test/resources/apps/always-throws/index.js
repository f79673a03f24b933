export function processEvent(event) {
  event.properties.touched = true
  throw new Error('always-throws: ' + event.event)
}
