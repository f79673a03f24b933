export function processEvent(e) { return e }
