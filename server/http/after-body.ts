import type { Request, Response } from 'express';

/** Bodies up to this size (one file of the largest upload a route takes) are read and dropped before an error answer. */
export const DRAIN_LIMIT = 100 * 1024 * 1024;

/**
 * Calls `answer` once the request body has arrived. Guards refuse an upload from its headers
 * alone (401, 403, 404); answering at once, while the client is still sending the file, lets
 * the server close a connection the client asked to close after the answer, under the
 * client's running upload: it sees "write EPIPE" (or a reset) instead of the refusal. Node
 * reads and drops the rest of a kept-alive request anyway; here it is read first. A body
 * declared or found larger than DRAIN_LIMIT is not waited for: the answer goes out at once
 * and closes the connection.
 */
export function afterRequestBody(req: Request, res: Response, answer: () => void): void {
  if (req.complete || req.readableEnded || req.destroyed) {
    answer();
    return;
  }
  if (Number(req.get('content-length')) > DRAIN_LIMIT) {
    res.set('Connection', 'close');
    answer();
    return;
  }
  let received = 0;
  let answered = false;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > DRAIN_LIMIT) {
      res.set('Connection', 'close');
      done();
    }
  };
  const done = () => {
    if (answered) return;
    answered = true;
    req.off('data', count);
    answer();
  };
  req.on('data', count).once('end', done).once('close', done).once('error', done);
  req.resume();
}
