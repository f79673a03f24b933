export function processEvent(event, { config }) {
    const until = Date.now() + 1
    while (Date.now() < until) {
        // Busy on purpose: this app stands for real per-event work.
    }
    event.properties = event.properties || {}
    event.properties.greeting = config.greeting
    return event
}
