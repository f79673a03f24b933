// For events named "huge", returns the event with a 2 MiB string added; others pass marked.
export function processEvent(event) {
  if (event.event === 'huge') {
    event.properties.blob = 'x'.repeat(2 * 1024 * 1024)
  }
  event.properties.huge_event_ran = true
  return event
}
