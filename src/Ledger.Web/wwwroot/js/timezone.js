// The viewer's time zone as the browser knows it (an IANA id such as "Europe/Zurich"), so dates typed and
// shown are the viewer's, not the server's.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
