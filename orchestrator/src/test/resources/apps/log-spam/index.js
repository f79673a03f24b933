// Logs in a tight loop on every event: 2,000 lines of 200 characters each.
const LINE = 'spam '.repeat(40)
export function processEvent(event) {
  for (let i = 0; i < 2000; i++) {
    console.log(i + ' ' + LINE)
  }
  event.properties.log_spam_ran = true
  return event
}
