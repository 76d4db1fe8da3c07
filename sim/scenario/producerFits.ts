// What a workload's producers can actually send: a record that fits buffer.memory and max.request.size, as
// Kafka's producer insists, and an offered load within the byte rates bytepath accepts. Checked once messageSize,
// the rate and the producer settings are known together, and reported at the field the file set.

import { describeValue } from "../errors.ts";
import type { Workload } from "../model/workload.ts";
import { formatByteRate, formatBytes, parseBytes } from "../quantity.ts";
import { BYTE_RATE_MAX } from "./quantityFields.ts";
import type { WorkloadLayer } from "./workloadKnobs.ts";

/** One problem: where (relative to the workload's path), the value there and the message. */
export interface ProducerProblem {
  path: string[];
  input: unknown;
  message: string;
}

// KafkaProducer.ensureValidRecordSize refuses a record whose serialized size exceeds max.request.size or
// buffer.memory with RecordTooLargeException before it is sent (the uncompressed size: compression comes later).
// batch.size is no such limit: a larger record travels in a batch of its own. Kafka's size includes the batch and
// record framing, which bytepath does not model, so the payload alone is compared.
const RECORD_LIMITS = [
  { name: "bufferMemory", key: "bufferBytes", kafka: "buffer.memory" },
  { name: "maxRequestSize", key: "maxRequestBytes", kafka: "max.request.size" },
] as const;

/**
 * Problems of a built workload `w`. `own` is the layer written at this path (the scenario's workload, or an
 * architecture's override) and `effective` the layer `w` was built from: a conflict is reported at a field `own`
 * sets, and skipped when `own` sets none of its fields and `inherited` (the scenario's workload reports it).
 */
export function producerProblems(w: Workload, own: WorkloadLayer, effective: WorkloadLayer, inherited: boolean): ProducerProblem[] {
  const problems: ProducerProblem[] = [];
  const message = exactBytes(w.messageBytes);
  for (const limit of RECORD_LIMITS) {
    const bytes = w.producer[limit.key];
    if (bytes >= w.messageBytes) continue;
    const refused = `the producer refuses a record larger than ${limit.kafka} (RecordTooLargeException)`;
    if (own.producer?.[limit.key] !== undefined || (own.messageBytes === undefined && !inherited)) {
      problems.push({ path: ["producer", limit.name], input: bytes, message: `must be at least messageSize, ${message}: ${refused} (got ${exactBytes(bytes)})` });
    } else if (own.messageBytes !== undefined) {
      problems.push({ path: ["messageSize"], input: w.messageBytes, message: `must be at most producer.${limit.name}, ${exactBytes(bytes)}: ${refused} (got ${message})` });
    }
  }
  // A byte rate was bounded where it was written; a message rate only now, with the size of a message.
  const rate = effective.rate;
  if (rate !== undefined && "bytesPerSecond" in rate) return problems;
  const offered = w.producerRate * w.messageBytes;
  if (offered <= BYTE_RATE_MAX) return problems;
  const at = own.rate !== undefined || (own.messageBytes === undefined && !inherited) ? "producerRate" : own.messageBytes !== undefined ? "messageSize" : undefined;
  if (at === undefined) return problems;
  const product = `${describeValue(w.producerRate)} messages/s × ${message} is ${Number.isFinite(offered) ? formatByteRate(offered) : "more than that"}`;
  const input = at === "producerRate" ? w.producerRate : w.messageBytes;
  problems.push({ path: [at], input, message: `must offer at most ${formatByteRate(BYTE_RATE_MAX)}: ${product} (got ${at === "producerRate" ? describeValue(input) : message})` });
  return problems;
}

/** A size as people write it when that is exact ("1 MiB"), else in bytes ("1048577 B"): two sizes compared must
 * not read the same. */
function exactBytes(bytes: number): string {
  const shown = formatBytes(bytes);
  return parseBytes("size", shown) === bytes ? shown : `${bytes} B`;
}
