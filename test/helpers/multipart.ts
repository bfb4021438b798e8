/** A multipart/form-data body with one file field named `file`, as a browser sends it. */
export function multipart(name: string, content: Buffer, mime = 'application/octet-stream') {
  const boundary = '----isp' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Uploads a text document to POST /api/imports as `c`; the answer's status and parsed body. */
export async function uploadImport(
  c: { cookie: string; csrf: string },
  t: { app: { inject: (o: object) => Promise<{ statusCode: number; body: string }> } },
  name: string,
  content: Buffer,
) {
  const m = multipart(name, content, 'text/plain');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': m.contentType },
    payload: m.body,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}
