type Activity = { id: string; type: string; text?: string; replyToId?: string; from: { role?: string } };

/** A new conversation on `base` through our Direct Line API, one question, the text of every bot reply to it. */
export async function askOverDirectLine(base: string, text: string): Promise<string> {
  const issued = (await fetch(`${base}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality: 'boegely' }),
  }).then((r) => r.json())) as { token: string; conversationId: string };
  const auth = { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' };
  const activities = `${base}/v3/directline/conversations/${issued.conversationId}/activities`;
  expect((await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
  const posted = (await fetch(activities, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ type: 'message', text, from: { id: 'citizen' } }),
  }).then((r) => r.json())) as { id: string };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const log = ((await fetch(activities, { headers: auth }).then((r) => r.json())) as { activities: Activity[] })
      .activities;
    const replies = log.filter((x) => x.type === 'message' && x.from.role === 'bot' && x.replyToId === posted.id);
    if (replies.length > 0) return replies.map((x) => x.text ?? '').join('\n');
    if (Date.now() > deadline) throw new Error('no reply within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
