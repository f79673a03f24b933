export function processEvent(event) {
  const text = JSON.stringify(event.properties)
  let hash = 2166136261
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i)
      hash = Math.imul(hash, 16777619)
    }
  }
  event.properties.fnv = hash >>> 0
  return event
}
