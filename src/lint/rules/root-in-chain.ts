import { isRoot } from "../../chain/validate.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "root-in-chain",
  title: "The chain sent includes the self-signed root",
  peers: { "nginx-mtls": "info", "nginx-server": "info", browser: "info" },
  citation: "RFC 8446 4.4.2: the self-signed root \"MAY be omitted from the chain\", since the peer must already trust it",
  requirement: "RFC 8446 4.4.2: “a certificate that specifies a trust anchor MAY be omitted from the chain, provided that supported peers are known to possess any omitted certificates.”",
  symptom: { "nginx-mtls": "a few hundred bytes more per handshake; harmless", "nginx-server": "a larger handshake; harmless", browser: "harmless" },
  predicts: { "nginx-mtls": { silent: "harmless: nothing fails" }, "nginx-server": { silent: "harmless: nothing fails" }, browser: { silent: "harmless: nothing fails" } },
  messages: {
    rootSent: "the chain sent includes the root \"{subject}\"",
    leaveRootOut: "leave the root out of the chain (it must already be a trust anchor on the other side)",
  },
  appliesTo: (ctx) => ctx.given.length > 1,
  check(ctx) {
    return ctx.given.slice(1).flatMap((cert) => (isRoot(cert) && cert.basicConstraints?.ca === true ? [{ certIndex: -1, messageId: "rootSent", data: { subject: cert.subject.text }, fixId: "leaveRootOut" }] : []));
  },
});
