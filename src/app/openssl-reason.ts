/**
 * OpenSSL's reason out of the error line Node passes on, without its code, source file and line:
 * "C0…:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 40"
 * → "sslv3 alert handshake failure". Other messages are kept, first line only.
 */
export function opensslReason(message: string): string {
  const match = /:SSL routines:[^:]*:([^:]+):/.exec(message);
  return match ? match[1]! : message.split("\n")[0]!.trim();
}
