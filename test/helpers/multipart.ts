/** A multipart/form-data body with one file field named `file`, as a browser sends it. */
export function multipart(name: string, content: Buffer, mime = 'application/octet-stream') {
  const boundary = '----isp' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
