// A workstation's hub address: one hub URL, or several nodes of one cluster separated by commas or
// spaces ("http://a:4301, http://b:4302"). Sign-in tries them in order and the sync client fails over
// between them; the whole list is the hub's identity (its local data, its stored session).

/** The hub nodes in a `hubUrl` setting, in the order given. */
export function hubUrls(hubUrl: string): string[] {
  const urls = hubUrl
    .split(/[\s,]+/)
    .map((u) => u.trim())
    .filter(Boolean);
  return urls.length ? urls : [hubUrl];
}
