import { webcrypto } from "node:crypto";
import type * as X509 from "@peculiar/x509";

export type X509Lib = typeof X509;

let loading: Promise<X509Lib> | undefined;

/**
 * Loads @peculiar/x509, used by the tests as an independent decoder of what pkilab encodes.
 * It needs the Reflect polyfill
 * imported first (tsyringe throws otherwise) and a crypto provider set once.
 */
export function loadX509(): Promise<X509Lib> {
  loading ??= (async () => {
    await import("reflect-metadata");
    const x509 = await import("@peculiar/x509");
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    return x509;
  })();
  return loading;
}
