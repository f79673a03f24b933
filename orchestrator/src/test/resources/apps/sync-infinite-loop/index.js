export function processEvent(event) {
  if (event.event === 'loop') {
    for (;;) {}
  }
  event.properties.after_loop = true
  return event
}
