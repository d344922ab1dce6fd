// CLIENT_CERTIFICATE_PEERS (src/peers/index.ts), which probe uses to refuse profiles that judge a
// client certificate, says what the profiles themselves say (certificateRole).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildProfile, CLIENT_CERTIFICATE_PEERS, PEER_IDS } from "../../src/peers/index.js";
import { parseClientHello } from "../../src/peers/parse/client-hello.js";
import { tls12ClientHello } from "../../src/app/probe-tls12.js";

describe("peer roles", () => {
  it("CLIENT_CERTIFICATE_PEERS are exactly the profiles whose certificateRole is client", () => {
    const clientHello = parseClientHello(tls12ClientHello("server.example"), "test");
    for (const id of PEER_IDS) {
      const role = buildProfile(id, { clientHello }).certificateRole;
      assert.equal(CLIENT_CERTIFICATE_PEERS.includes(id), role === "client", `${id}: certificateRole ${role}`);
    }
  });
});
