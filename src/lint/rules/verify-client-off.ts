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
    verifyOff: "ssl_verify_client is off{where}: nginx never asks for a client certificate",
    verifyOptional: "ssl_verify_client is {value}{where}: clients without a valid certificate get through",
    verifyOn: "set ssl_verify_client on; in the server block (or check $ssl_client_verify in every location)",
  },
  appliesTo: (ctx) => ctx.profile.nginx.verifyClient ?? false,
  check(ctx, value) {
    if (value === "on") return [];
    const where = ctx.profile.configOrigin ? ` (${ctx.profile.configOrigin})` : "";
    return [{
      certIndex: -1,
      ...(value === "off" ? { messageId: "verifyOff", data: { where } } as const : { messageId: "verifyOptional", data: { value, where } } as const),
      fixId: "verifyOn",
    }];
  },
});
