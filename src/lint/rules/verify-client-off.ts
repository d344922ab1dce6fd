import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "verify-client-off",
  title: "nginx.conf does not require client certificates (ssl_verify_client is off or optional)",
  peers: { "nginx-mtls": "warning" },
  citation: "nginx docs ssl_verify_client: off (default) never asks for a certificate; optional asks but lets requests without one through",
  requirement: "nginx docs ssl_verify_client: “Enables verification of client certificates.” optional lets a request without a certificate through",
  symptom: { "nginx-mtls": "requests are served without client authentication; $ssl_client_verify is NONE" },
  predicts: { "nginx-mtls": { silent: "requests are served without client authentication: nothing fails" } },
  messages: {
    verifyOff: "ssl_verify_client is off: nginx never asks for a client certificate",
    verifyOffIn: "ssl_verify_client is off ({origin}): nginx never asks for a client certificate",
    verifyLax: "ssl_verify_client is {value}: clients without a valid certificate get through",
    verifyLaxIn: "ssl_verify_client is {value} ({origin}): clients without a valid certificate get through",
    verifyOn: "set ssl_verify_client on; in the server block (or check $ssl_client_verify in every location)",
  },
  appliesTo: (ctx) => ctx.profile.nginx.verifyClient ?? false,
  check(ctx, value) {
    if (value === "on") return [];
    const origin = ctx.profile.configOrigin;
    const said = value === "off"
      ? (origin ? { messageId: "verifyOffIn", data: { origin } } as const : { messageId: "verifyOff" } as const)
      : (origin ? { messageId: "verifyLaxIn", data: { value, origin } } as const : { messageId: "verifyLax", data: { value } } as const);
    return [{ certIndex: -1, ...said, fixId: "verifyOn" }];
  },
});
