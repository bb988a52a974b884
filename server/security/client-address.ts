/**
 * The request header in which the launcher passes on the client's address: the socket's peer, or
 * from a trusted proxy the address it forwarded. Any value a client sends is removed first.
 */
export const CLIENT_ADDRESS_HEADER = "x-launchpad-client-address";

/** The client address of a request that passed the launcher, or null (in-process calls). */
export function clientAddress(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER);
}
