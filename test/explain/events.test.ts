// src/explain/events.ts: the typed events a log line holds. An alert event carries the alert's
// number (docs/schemas/explain.schema.json: an alert's value is an integer).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventsIn } from "../../src/explain/events.js";

const alerts = (line: string) => eventsIn(line).filter((e) => e.kind === "alert").map((e) => e.value);

describe("explain events: an OpenSSL alert reason text", () => {
  it("a known reason is its alert number", () => {
    assert.deepEqual(alerts("SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:../ssl/record/rec_layer_s3.c:1584:"), [48]);
    assert.deepEqual(alerts("error:0A000412:SSL routines::sslv3 alert bad certificate:"), [42]);
  });

  it("a reason that names no known alert makes no alert event (there is no number to give)", () => {
    assert.deepEqual(alerts("SSL routines:ssl3_read_bytes:tlsv1 alert frobnicated widget:"), []);
  });
});
