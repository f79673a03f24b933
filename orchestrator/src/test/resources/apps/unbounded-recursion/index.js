// For events named "recurse", recurses until the stack is exhausted and lets the RangeError go;
// for "recurse-and-catch", catches each overflow and starts over, ten times, then returns.
function down(depth) {
  return down(depth + 1) + 1
}

export function processEvent(event) {
  if (event.event === 'recurse') {
    down(0)
  }
  if (event.event === 'recurse-and-catch') {
    let overflows = 0
    for (let i = 0; i < 10; i++) {
      try {
        down(0)
      } catch (e) {
        overflows++
      }
    }
    event.properties.overflows_caught = overflows
  }
  event.properties.recursion_survived = true
  return event
}
