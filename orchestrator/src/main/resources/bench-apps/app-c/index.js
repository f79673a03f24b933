export function processEvent(event) {
  event.properties.trail = (event.properties.trail || '') + 'c'
  return event
}
