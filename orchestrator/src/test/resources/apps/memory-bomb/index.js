// Allocates until the worker's heap is exhausted, for events named "bomb".
export function processEvent(event) {
  if (event.event === 'bomb') {
    const hoard = []
    for (;;) hoard.push(new Array(100000).fill(hoard.length))
  }
  event.properties.survived = true
  return event
}
