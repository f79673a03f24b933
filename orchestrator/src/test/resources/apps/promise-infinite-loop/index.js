// For events named "loop", returns a promise whose callback never ends: the loop starts after
// processEvent has returned, in a microtask, where a time limit on the call alone would miss it.
export function processEvent(event) {
  if (event.event === 'loop') {
    return Promise.resolve(event).then((e) => {
      for (;;) {}
      return e
    })
  }
  event.properties.after_loop = true
  return event
}
