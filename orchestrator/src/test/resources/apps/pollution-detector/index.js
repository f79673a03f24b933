// Lists in event.properties.pollution_seen every built-in of its own context that does not behave
// as the language says: what prototype-polluter changes in its context must not show up here.
export async function processEvent(event) {
  const seen = []
  const check = (name, ok) => {
    let fine = false
    try { fine = ok() } catch (e) { fine = false }
    if (!fine) seen[seen.length] = name
  }
  check('Object.prototype.polluted', () => ({}).polluted === undefined && !('polluted' in {}))
  check('Object.prototype.toJSON', () => ({}).toJSON === undefined)
  check('Array.prototype.push', () => { const a = []; return a.push(7) === 1 && a[0] === 7 })
  check('JSON.parse', () => JSON.parse('{"a":1}').a === 1)
  check('JSON.stringify', () => JSON.stringify({ a: [1] }) === '{"a":[1]}')
  check('String.prototype.toUpperCase', () => 'a'.toUpperCase() === 'A')
  check('Promise.prototype.then', () => typeof Promise.resolve(1).then(() => 2).then === 'function')
  event.properties.pollution_seen = seen
  return event
}
