export function setupPlugin() {
  throw new Error('missing API key')
}
export function processEvent(event) {
  return event
}
