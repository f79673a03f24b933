// Allocates until the worker's heap is exhausted, for events named "bomb".
export function processEvent(event) {
  if (event.event === 'bomb') {
    const hoard = []
    // Large arrays of doubles, so the heap is full in well under a second, before any time limit.
    for (;;) hoard.push(new Array(4000000).fill(hoard.length + 0.5))
  }
  event.properties.survived = true
  return event
}
